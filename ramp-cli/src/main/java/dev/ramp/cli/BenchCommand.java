package dev.ramp.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ramp bench}: Ramp's benchmarks, run on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure Ramp on this machine (no cluster needed).",
    subcommands = {BenchScaleCommand.class})
final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
