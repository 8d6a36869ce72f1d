package dev.ramp.engine.canary;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.PauseCondition;
import dev.ramp.api.RolloutStrategy;
import dev.ramp.api.SetCanaryScale;
import dev.ramp.engine.bluegreen.BlueGreenSteps;
import dev.ramp.engine.gates.GatePoint;
import dev.ramp.engine.gates.GateSteps;
import dev.ramp.engine.spec.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads a rollout's steps: the weight and new-revision size in force at a step, and
 * descriptions. A canary's are its own; a blue-green strategy stands for a fixed sequence of
 * them ({@link BlueGreenSteps}). The gates and pre-release hooks of a release are steps too,
 * where their point puts them ({@link #point}).
 */
public class CanarySteps {
  private final List<CanaryStep> steps;
  /** For each step, the point of its gate or hook; null for the other steps. */
  private final List<GatePoint> points;
  /** What setWeight counts out of: 100, or the router's maxTrafficWeight. */
  private final int weightTotal;

  public CanarySteps(List<CanaryStep> steps) {
    this(steps, 100);
  }

  public CanarySteps(List<CanaryStep> steps, int weightTotal) {
    this(steps == null ? List.of() : steps, null, weightTotal);
  }

  /** With {@code points} null, a gate step is a gate written among the steps. */
  protected CanarySteps(List<CanaryStep> steps, List<GatePoint> points, int weightTotal) {
    this.steps = List.copyOf(steps);
    // null for most steps, so not List.copyOf
    this.points = points != null ? Collections.unmodifiableList(new ArrayList<>(points))
        : this.steps.stream().map(step -> step.gate == null ? null : GatePoint.STEP).toList();
    this.weightTotal = weightTotal;
  }

  /** The steps a strategy runs: a canary's with its gates and hooks, or a blue-green's. */
  public static CanarySteps of(RolloutStrategy strategy, int replicas) {
    return strategy.canary != null ? gated(strategy.canary)
        : BlueGreenSteps.of(strategy.blueGreen, replicas);
  }

  /**
   * A canary's steps with its gates and pre-release hooks: release gates, then the hooks,
   * first; weightIncrease gates before each step that raises the weight; promotion gates last.
   */
  private static CanarySteps gated(CanaryStrategy canary) {
    List<CanaryStep> steps = new ArrayList<>();
    List<GatePoint> points = new ArrayList<>();
    add(steps, points, GateSteps.at(canary.gates, GatePoint.RELEASE), GatePoint.RELEASE);
    add(steps, points, GateSteps.preRelease(canary.hooks), GatePoint.PRE_RELEASE);
    int weight = 0;
    for (CanaryStep step : canary.steps == null ? List.<CanaryStep>of() : canary.steps) {
      if (step.setWeight != null && step.setWeight > weight) {
        add(steps, points, GateSteps.at(canary.gates, GatePoint.WEIGHT_INCREASE),
            GatePoint.WEIGHT_INCREASE);
      }
      weight = step.setWeight == null ? weight : step.setWeight;
      add(steps, points, List.of(step), step.gate == null ? null : GatePoint.STEP);
    }
    add(steps, points, GateSteps.at(canary.gates, GatePoint.PROMOTION), GatePoint.PROMOTION);
    return new CanarySteps(steps, points, canary.weightTotal());
  }

  private static void add(List<CanaryStep> steps, List<GatePoint> points, List<CanaryStep> added,
      GatePoint point) {
    steps.addAll(added);
    added.forEach(step -> points.add(point));
  }

  public int count() {
    return steps.size();
  }

  public CanaryStep at(int index) {
    return steps.get(index);
  }

  /** The point of the gate or hook step at {@code index}, or null for another step. */
  public GatePoint point(int index) {
    return index < points.size() ? points.get(index) : null;
  }

  /**
   * Where the spec's step {@code specIndex} is among these steps (which count the gates and
   * hooks added before it): for a field such as analysis.startingStep.
   */
  public int position(int specIndex) {
    int seen = 0;
    for (int i = 0; i < steps.size(); i++) {
      GatePoint point = points.get(i);
      if (point == null || point == GatePoint.STEP) {
        if (seen == specIndex) {
          return i;
        }
        seen++;
      }
    }
    return steps.size();
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
    CanaryStep step = steps.get(index);
    return step.gate != null ? points.get(index).describe(step.gate.name) : describe(step);
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
