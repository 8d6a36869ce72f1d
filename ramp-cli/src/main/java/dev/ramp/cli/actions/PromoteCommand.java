package dev.ramp.cli.actions;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.PauseCondition;
import dev.ramp.api.Phase;
import dev.ramp.api.Rollout;
import dev.ramp.cli.CliException;
import dev.ramp.cli.cluster.Rollouts;
import dev.ramp.cli.cluster.StatusView;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Moves a rollout on: past the pause it waits at (by clearing {@code status.pauseConditions}),
 * out of a pause asked with {@code spec.paused}, past the step it runs (by advancing {@code
 * status.currentStepIndex}), or past all remaining steps ({@code status.promoteFull}).
 */
@Command(name = "promote", mixinStandardHelpOptions = true,
    description = "Move a rollout past its current step or pause (--full: past all remaining"
        + " steps).")
public final class PromoteCommand extends RolloutAction {
  @Option(names = "--full", description = "Skip all remaining steps: the canary becomes stable"
      + " once its pods are available.")
  boolean full;

  @Override
  String act(Rollouts rollouts, Rollout rollout) {
    StatusView view = statusOf(rollout);
    if (view.phase() == Phase.Aborted) {
      throw new CliException(rollout() + " is aborted: nothing to promote. To run its steps"
          + " again: kubectl ramp retry " + name);
    }
    if (!view.updating()) {
      throw new CliException("nothing to promote: " + rollout() + " is " + view.phaseName()
          + " (revision " + view.status().stableRevision + " is stable, no update is running)");
    }
    if (full) {
      rollouts.patchStatus(name, "promoteFull", true);
      return rollout() + " promoted fully" + view.atStep(view.stepIndex())
          + ": the remaining steps are skipped";
    }
    if (view.invalidSpec() != null) {
      throw new CliException(rollout() + " cannot be promoted until its spec is fixed: "
          + view.invalidSpec());
    }
    boolean userPaused = Boolean.TRUE.equals(rollout.getSpec().paused);
    if (Boolean.TRUE.equals(view.status().controllerPause)) {
      rollouts.patchStatus(name, "pauseConditions", null);
      String done = rollout() + " promoted past " + pauseDescription(view);
      if (userPaused) {
        rollouts.patchSpec(name, "paused", false);
        done += ", and resumed (spec.paused was true)";
      }
      return done;
    }
    if (userPaused) {
      rollouts.patchSpec(name, "paused", false);
      return rollout() + " resumed" + view.atStep(view.stepIndex())
          + " (spec.paused was true)";
    }
    if (view.currentStep() == null) {
      throw new CliException("nothing to promote: " + rollout() + " is not paused and has no"
          + " step left to skip (" + view.message() + ")");
    }
    // Only right for the step the user saw: refused if the controller moved on meanwhile.
    rollouts.patchStatusIfUnchanged(rollout, "currentStepIndex", view.stepIndex() + 1);
    return rollout() + " promoted past " + view.stepDescription();
  }

  /**
   * What the promote ends: a pause step or an inconclusive analysis step; an inconclusive
   * background analysis (which then measures again); a blue-green pause before the switch.
   */
  private static String pauseDescription(StatusView view) {
    CanaryStep step = view.currentStep();
    if (step != null && (step.pause != null || step.analysis != null)) {
      return view.stepDescription();
    }
    List<String> reasons = view.status().pauseConditions == null ? List.of()
        : view.status().pauseConditions.stream().map(p -> p.reason).toList();
    if (!view.blueGreen() && reasons.contains(PauseCondition.INCONCLUSIVE_ANALYSIS)) {
      return "the inconclusive background analysis (at " + view.stepDescription()
          + "): it measures again";
    }
    return "its pause (" + String.join(", ", reasons) + ")";
  }
}
