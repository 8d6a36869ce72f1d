package dev.ramp.engine.bluegreen;

import dev.ramp.api.BlueGreenStrategy;
import dev.ramp.api.CanaryStep;
import dev.ramp.api.PauseCondition;
import dev.ramp.api.SetCanaryScale;
import dev.ramp.api.analysis.RolloutAnalysis;
import dev.ramp.engine.canary.CanarySteps;
import dev.ramp.engine.gates.GatePoint;
import dev.ramp.engine.gates.GateSteps;
import dev.ramp.engine.spec.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A blue-green strategy as the steps it stands for, so that it shares the state machine, pauses,
 * promotion, abort and analysis with canaries:
 *
 * <ol>
 *   <li>the gates asked at release and the pre-release hooks, when set;
 *   <li>preview: the new revision at previewReplicaCount pods, no user traffic;
 *   <li>prePromotionAnalysis, when set;
 *   <li>a pause until a person promotes (autoPromotionEnabled: false), or for
 *       autoPromotionSeconds;
 *   <li>full size, when the preview was smaller;
 *   <li>the gates asked at promotion, when set;
 *   <li>postPromotionAnalysis, when set: the active Service selects the new revision from here
 *       (the switch), while the previous one keeps all its pods for a switch back.
 * </ol>
 *
 * <p>After the last step the new revision becomes stable (the switch, when there was no
 * post-promotion analysis) and the previous one scales down after scaleDownDelaySeconds.
 */
public final class BlueGreenSteps extends CanarySteps {
  public static final String PRE_PROMOTION = "pre";
  public static final String POST_PROMOTION = "post";

  private final List<String> labels;
  private final List<String> runKinds;
  private final int switchIndex;

  private BlueGreenSteps(List<CanaryStep> steps, List<GatePoint> points, List<String> labels,
      List<String> runKinds, int switchIndex) {
    super(steps, points, 100);
    this.labels = labels;
    this.runKinds = runKinds;
    this.switchIndex = switchIndex;
  }

  public static BlueGreenSteps of(BlueGreenStrategy strategy, int replicas) {
    Builder b = new Builder();
    b.gates(GateSteps.at(strategy.gates, GatePoint.RELEASE), GatePoint.RELEASE);
    b.gates(GateSteps.preRelease(strategy.hooks), GatePoint.PRE_RELEASE);
    int preview = strategy.previewReplicaCount == null ? replicas
        : Math.min(strategy.previewReplicaCount, replicas);
    b.add(scale(preview), "preview with " + pods(preview), null);
    if (strategy.prePromotionAnalysis != null) {
      b.add(CanaryStep.analysis(strategy.prePromotionAnalysis),
          "pre-promotion analysis " + templates(strategy.prePromotionAnalysis), PRE_PROMOTION);
    }
    if (Boolean.FALSE.equals(strategy.autoPromotionEnabled)) {
      b.add(CanaryStep.pause(null), "waiting for promotion", null);
    } else if (strategy.autoPromotionSeconds != null && strategy.autoPromotionSeconds > 0) {
      Duration wait = Duration.ofSeconds(strategy.autoPromotionSeconds);
      b.add(CanaryStep.pause(wait.getSeconds() + "s"),
          "auto-promotion in " + Durations.format(wait), null);
    }
    if (preview < replicas) {
      b.add(scale(replicas), "scaling to " + pods(replicas) + " before the switch", null);
    }
    b.gates(GateSteps.at(strategy.gates, GatePoint.PROMOTION), GatePoint.PROMOTION);
    int switchIndex = b.steps.size();
    if (strategy.postPromotionAnalysis != null) {
      b.add(CanaryStep.analysis(strategy.postPromotionAnalysis),
          "post-promotion analysis " + templates(strategy.postPromotionAnalysis), POST_PROMOTION);
    }
    return new BlueGreenSteps(b.steps, b.points, b.labels, b.runKinds, switchIndex);
  }

  @Override
  public String runKind(int index) {
    return runKinds.get(index);
  }

  @Override
  public int switchIndex() {
    return switchIndex;
  }

  @Override
  public String pauseReason() {
    return PauseCondition.BLUE_GREEN_PAUSE;
  }

  @Override
  protected String label(int index) {
    return labels.get(index) != null ? labels.get(index) : super.label(index);
  }

  private static CanaryStep scale(int replicas) {
    SetCanaryScale scale = new SetCanaryScale();
    scale.replicas = replicas;
    return CanaryStep.scale(scale);
  }

  private static String pods(int count) {
    return count + (count == 1 ? " pod" : " pods");
  }

  private static String templates(RolloutAnalysis analysis) {
    return String.join(", ", analysis.templates.stream().map(t -> t.templateName).toList());
  }

  private static final class Builder {
    final List<CanaryStep> steps = new ArrayList<>();
    final List<String> labels = new ArrayList<>();
    final List<String> runKinds = new ArrayList<>();
    final List<GatePoint> points = new ArrayList<>();

    void add(CanaryStep step, String label, String runKind) {
      steps.add(step);
      labels.add(label);
      runKinds.add(runKind);
      points.add(null);
    }

    /** Gate or hook steps, labelled as {@link GatePoint#describe} says. */
    void gates(List<CanaryStep> gates, GatePoint point) {
      for (CanaryStep gate : gates) {
        add(gate, null, null);
        points.set(points.size() - 1, point);
      }
    }
  }
}
