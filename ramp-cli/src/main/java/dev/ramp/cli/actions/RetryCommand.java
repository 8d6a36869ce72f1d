package dev.ramp.cli.actions;

import dev.ramp.api.Phase;
import dev.ramp.api.Rollout;
import dev.ramp.cli.CliException;
import dev.ramp.cli.cluster.Rollouts;
import dev.ramp.cli.cluster.StatusView;
import picocli.CommandLine.Command;

/** Runs the steps of an aborted update again by clearing {@code status.abort}. */
@Command(name = "retry", mixinStandardHelpOptions = true,
    description = "Run the steps of an aborted update again, from the first.")
public final class RetryCommand extends RolloutAction {
  @Override
  String act(Rollouts rollouts, Rollout rollout) {
    StatusView view = statusOf(rollout);
    if (view.phase() != Phase.Aborted) {
      throw new CliException(rollout() + " is " + view.phaseName()
          + ", not aborted: nothing to retry");
    }
    rollouts.patchStatus(name, "abort", false);
    return rollout() + " retried: revision " + view.status().updatedRevision
        + " starts again" + view.atStep(0);
  }
}
