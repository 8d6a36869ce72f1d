package dev.ramp.cli.actions;

import dev.ramp.api.Rollout;
import dev.ramp.cli.cluster.Rollouts;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Command;

/** Recreates the rollout's pods by setting {@code spec.restartAt} to now. */
@Command(name = "restart", mixinStandardHelpOptions = true,
    description = "Recreate every pod of the rollout, a few at a time (spec.restartAt: now).")
public final class RestartCommand extends RolloutAction {
  @Override
  String act(Rollouts rollouts, Rollout rollout) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    rollouts.patchSpec(name, "restartAt", now);
    return rollout() + " restarting: pods created before " + now + " are replaced, a few at a"
        + " time";
  }
}
