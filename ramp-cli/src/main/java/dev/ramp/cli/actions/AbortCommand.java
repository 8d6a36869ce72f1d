package dev.ramp.cli.actions;

import dev.ramp.api.Phase;
import dev.ramp.api.Rollout;
import dev.ramp.cli.CliException;
import dev.ramp.cli.cluster.Rollouts;
import dev.ramp.cli.cluster.StatusView;
import picocli.CommandLine.Command;

/** Sends everything back to the stable revision by setting {@code status.abort}. */
@Command(name = "abort", mixinStandardHelpOptions = true,
    description = "Abort the update: all traffic and pods go back to the stable revision.")
public final class AbortCommand extends RolloutAction {
  @Override
  String act(Rollouts rollouts, Rollout rollout) {
    StatusView view = statusOf(rollout);
    if (view.phase() == Phase.Aborted) {
      throw new CliException(rollout() + " is already aborted");
    }
    if (!view.updating()) {
      throw new CliException("nothing to abort: " + rollout() + " is " + view.phaseName()
          + " (revision " + view.status().stableRevision + " is stable, no update is running)");
    }
    rollouts.patchStatus(name, "abort", true);
    return rollout() + " aborted" + view.atStep(view.stepIndex()) + ": traffic and pods go"
        + " back to stable revision " + view.status().stableRevision;
  }
}
