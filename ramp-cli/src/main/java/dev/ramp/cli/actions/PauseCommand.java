package dev.ramp.cli.actions;

import dev.ramp.api.Rollout;
import dev.ramp.cli.CliException;
import dev.ramp.cli.cluster.Rollouts;
import picocli.CommandLine.Command;

/** Holds a rollout where it is by setting {@code spec.paused}. */
@Command(name = "pause", mixinStandardHelpOptions = true,
    description = "Hold the rollout at its current step (spec.paused: true) until resumed.")
public final class PauseCommand extends RolloutAction {
  @Override
  String act(Rollouts rollouts, Rollout rollout) {
    if (Boolean.TRUE.equals(rollout.getSpec().paused)) {
      throw new CliException(rollout() + " is already paused (spec.paused is true)");
    }
    rollouts.patchSpec(name, "paused", true);
    return rollout() + " paused (spec.paused: true); continue with: kubectl ramp resume " + name;
  }
}
