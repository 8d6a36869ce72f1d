package dev.ramp.engine.canary;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.PauseCondition;
import dev.ramp.api.SetCanaryScale;
import dev.ramp.engine.spec.Durations;
import java.time.Duration;
import java.util.List;

/**
 * Reads a rollout's steps: the weight and new-revision size in force at a step, and
 * descriptions. A canary's are its own; a blue-green strategy stands for a fixed sequence of
 * them ({@link dev.ramp.engine.bluegreen.BlueGreenSteps}).
 */
public class CanarySteps {
  private final List<CanaryStep> steps;
  /** What setWeight counts out of: 100, or the router's maxTrafficWeight. */
  private final int weightTotal;

  public CanarySteps(List<CanaryStep> steps) {
    this(steps, 100);
  }

  public CanarySteps(List<CanaryStep> steps, int weightTotal) {
    this.steps = steps == null ? List.of() : List.copyOf(steps);
    this.weightTotal = weightTotal;
  }

  public int count() {
    return steps.size();
  }

  public CanaryStep at(int index) {
    return steps.get(index);
  }

  /** The traffic weight in force while step {@code index} runs (the last setWeight up to it). */
  public int weightAt(int index) {
    for (int i = Math.min(index, steps.size() - 1); i >= 0; i--) {
      if (steps.get(i).setWeight != null) {
        return steps.get(i).setWeight;
      }
    }
    return 0;
  }

  /**
   * Canary pods wanted while step {@code index} runs: the last setCanaryScale up to it, unless it
   * says matchTrafficWeight; otherwise enough pods for the weight, ceil(weight% x replicas).
   */
  public int canaryReplicasAt(int index, int replicas) {
    for (int i = Math.min(index, steps.size() - 1); i >= 0; i--) {
      SetCanaryScale scale = steps.get(i).setCanaryScale;
      if (scale == null) {
        continue;
      }
      if (Boolean.TRUE.equals(scale.matchTrafficWeight)) {
        break;
      }
      return scale.replicas != null ? scale.replicas : percentOf(scale.weight, replicas);
    }
    return podsFor(weightAt(index), replicas);
  }

  /** The pods that serve a traffic weight: ceil(weight / total x replicas). */
  public int podsFor(int weight, int replicas) {
    return (int) (((long) weight * replicas + weightTotal - 1) / weightTotal);
  }

  /** The duration of the pause at {@code index}, or null when it waits for a person. */
  public Duration pauseDuration(int index) {
    CanaryStep step = steps.get(index);
    return step.pause.duration == null ? null : Durations.parse(step.pause.duration);
  }

  /** "step 2/5 (setWeight 20)", with 1-based numbering as people count. */
  public String describe(int index) {
    if (index >= steps.size()) {
      return "all " + steps.size() + " steps done";
    }
    return "step " + (index + 1) + "/" + steps.size() + " (" + label(index) + ")";
  }

  /** The analysis run kind of an analysis step: its index. */
  public String runKind(int index) {
    return Integer.toString(index);
  }

  /**
   * The first step during which users are served by the new revision through the stable (or
   * active) Service. For a canary that is never before promotion.
   */
  public int switchIndex() {
    return steps.size();
  }

  /** The reason of the pause condition a pause step sets. */
  public String pauseReason() {
    return PauseCondition.CANARY_PAUSE_STEP;
  }

  /** What the step at {@code index} does, in a few words. */
  protected String label(int index) {
    return describe(steps.get(index));
  }

  /** What a step does; a setCanaryScale beside another field comes after it. */
  private static String describe(CanaryStep step) {
    String action = describeAction(step);
    String scale = step.setCanaryScale == null ? null : describe(step.setCanaryScale);
    return action == null ? scale : scale == null ? action : action + ", " + scale;
  }

  private static String describeAction(CanaryStep step) {
    if (step.setWeight != null) {
      return "setWeight " + step.setWeight;
    }
    if (step.pause != null) {
      return step.pause.duration == null
          ? "pause until promoted"
          : "pause " + Durations.format(Durations.parse(step.pause.duration));
    }
    if (step.analysis != null) {
      return "analysis " + String.join(", ", step.analysis.templates.stream()
          .map(t -> t.templateName).toList());
    }
    if (step.experiment != null) {
      return "experiment " + String.join(", ", step.experiment.templates.stream()
          .map(t -> t.name).toList());
    }
    if (step.setHeaderRoute != null) {
      return "setHeaderRoute " + step.setHeaderRoute.name;
    }
    if (step.setMirrorRoute != null) {
      return "setMirrorRoute " + step.setMirrorRoute.name
          + (step.setMirrorRoute.percentage == null ? "" : " " + step.setMirrorRoute.percentage
              + "%");
    }
    return null;
  }

  private static String describe(SetCanaryScale scale) {
    if (scale.replicas != null) {
      return "setCanaryScale replicas " + scale.replicas;
    }
    return scale.weight != null
        ? "setCanaryScale weight " + scale.weight
        : "setCanaryScale matchTrafficWeight";
  }

  private static int percentOf(int percent, int replicas) {
    return (percent * replicas + 99) / 100;
  }
}
