package dev.ramp.cli.actions;

import dev.ramp.api.experiment.Experiment;
import picocli.CommandLine.Command;

/** {@code terminate experiment NAME}. */
@Command(name = "experiment", aliases = {"experiments", "exp"}, mixinStandardHelpOptions = true,
    description = "Stop an experiment: it ends Successful with the message \"terminated\"; a"
        + " rollout's experiment step then completes.")
final class TerminateExperimentCommand extends TerminateAction<Experiment> {
  TerminateExperimentCommand() {
    super("experiment", Experiment.class);
  }

  @Override
  String phase(Experiment experiment) {
    return experiment.getStatus() == null ? null : experiment.getStatus().phase;
  }
}
