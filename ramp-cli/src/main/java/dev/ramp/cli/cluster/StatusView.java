package dev.ramp.cli.cluster;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.Phase;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutCondition;
import dev.ramp.api.RolloutStatus;
import dev.ramp.engine.canary.CanarySteps;
import java.util.Objects;

/** A rollout's status read in people's terms: its phase, its step, whether it is updating. */
public final class StatusView {
  private final Rollout rollout;
  private final RolloutStatus status;
  private final CanarySteps steps;

  public StatusView(Rollout rollout) {
    this.rollout = rollout;
    this.status = rollout.getStatus() == null ? new RolloutStatus() : rollout.getStatus();
    this.steps = stepsOf(rollout);
  }

  public String name() {
    return rollout.getMetadata().getName();
  }

  /** The phase, or null before the controller has written one. */
  public Phase phase() {
    return Phase.of(status.phase);
  }

  /** The phase as shown: "Unknown" before the controller has written one. */
  public String phaseName() {
    return status.phase == null ? "Unknown" : status.phase;
  }

  public String message() {
    return status.message;
  }

  public RolloutStatus status() {
    return status;
  }

  /** True while a revision other than the stable one is rolled out (or was aborted). */
  public boolean updating() {
    return status.updatedRevision != null && !status.updatedRevision.equals(status.stableRevision);
  }

  /** True when the status describes the current spec: the controller has seen its last change. */
  public boolean observed() {
    return status.observedGeneration != null
        && Objects.equals(status.observedGeneration, rollout.getMetadata().getGeneration());
  }

  public int stepIndex() {
    return status.currentStepIndex == null ? 0 : Math.max(0, status.currentStepIndex);
  }

  public int stepCount() {
    return steps.count();
  }

  /** The step being run, or null when all are done. */
  public CanaryStep currentStep() {
    return stepIndex() < steps.count() ? steps.at(stepIndex()) : null;
  }

  /** "2/4" (1-based); "4/4" once all are done; "-" without steps. */
  public String stepFraction() {
    return steps.count() == 0 ? "-"
        : Math.min(stepIndex() + 1, steps.count()) + "/" + steps.count();
  }

  /** "step 2/4 (pause until promoted)", or "all 4 steps done". */
  public String stepDescription() {
    return describe(stepIndex());
  }

  /** " at step 2/4 (pause until promoted)"; empty without steps. */
  public String atStep(int index) {
    return steps.count() == 0 ? "" : " at " + describe(index);
  }

  /** The description of any step, as {@link #stepDescription()}. */
  public String describe(int index) {
    try {
      return steps.describe(index);
    } catch (RuntimeException e) {
      // A step the schema let through but the engine cannot read (a pause of "soon"): the
      // rollout is InvalidSpec and says why; here it is enough to say where it is.
      return "step " + (index + 1) + "/" + steps.count();
    }
  }

  /** True for a blue-green rollout: an active and a preview revision. */
  public boolean blueGreen() {
    var spec = rollout.getSpec();
    return spec != null && spec.strategy != null && spec.strategy.blueGreen != null;
  }

  /** Why the spec cannot be run (the InvalidSpec condition's message), or null. */
  public String invalidSpec() {
    return status.conditions == null ? null : status.conditions.stream()
        .filter(c -> RolloutCondition.INVALID_SPEC.equals(c.type) && "True".equals(c.status))
        .map(c -> c.message == null ? "" : c.message).findFirst().orElse(null);
  }

  /** The canary's steps, or the stages a blue-green strategy stands for, as the engine runs them. */
  private static CanarySteps stepsOf(Rollout rollout) {
    var spec = rollout.getSpec();
    if (spec == null || spec.strategy == null
        || (spec.strategy.canary == null && spec.strategy.blueGreen == null)) {
      return new CanarySteps(null);
    }
    try {
      // as the engine counts them: with the steps the gates and hooks add
      return CanarySteps.of(spec.strategy, spec.replicas == null ? 1 : spec.replicas);
    } catch (RuntimeException e) {
      return new CanarySteps(null); // a spec the controller reports as InvalidSpec
    }
  }

}
