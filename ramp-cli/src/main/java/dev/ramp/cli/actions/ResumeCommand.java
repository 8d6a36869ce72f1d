package dev.ramp.cli.actions;

import dev.ramp.api.Rollout;
import dev.ramp.cli.CliException;
import dev.ramp.cli.cluster.Rollouts;
import dev.ramp.cli.cluster.StatusView;
import picocli.CommandLine.Command;

/** Lets a rollout paused by {@code spec.paused} continue. */
@Command(name = "resume", mixinStandardHelpOptions = true,
    description = "Let a rollout paused with pause (spec.paused) continue.")
public final class ResumeCommand extends RolloutAction {
  @Override
  String act(Rollouts rollouts, Rollout rollout) {
    if (!Boolean.TRUE.equals(rollout.getSpec().paused)) {
      StatusView view = new StatusView(rollout);
      String hint = Boolean.TRUE.equals(view.status().controllerPause)
          ? ": it waits" + view.atStep(view.stepIndex()) + ", to go on: kubectl ramp promote "
              + name
          : "";
      throw new CliException(rollout() + " is not paused by spec.paused" + hint);
    }
    rollouts.patchSpec(name, "paused", false);
    return rollout() + " resumed (spec.paused: false)";
  }
}
