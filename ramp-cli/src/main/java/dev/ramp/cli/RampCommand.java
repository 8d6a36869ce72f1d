package dev.ramp.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ramp}, also run as the kubectl plugin {@code kubectl ramp}. */
@Command(
    name = "ramp",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Progressive delivery for Kubernetes: canary rollouts that decide for you.",
    subcommands = {DemoCommand.class, SandboxCommand.class, ControllerCommand.class,
        VersionCommand.class})
public final class RampCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new RampCommand()).execute(args));
  }
}
