package dev.ramp.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ramp bench}: Ramp measured on simulated releases, on this machine, without a cluster. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure Ramp on simulated releases (no cluster needed).",
    subcommands = {DetectionCommand.class, ScaleCommand.class})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
