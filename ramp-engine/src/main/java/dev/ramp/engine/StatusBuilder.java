package dev.ramp.engine;

import static dev.ramp.api.RolloutCondition.AVAILABLE;
import static dev.ramp.api.RolloutCondition.COMPLETED;
import static dev.ramp.api.RolloutCondition.INVALID_SPEC;
import static dev.ramp.api.RolloutCondition.PAUSED;
import static dev.ramp.api.RolloutCondition.PROGRESSING;

import dev.ramp.api.BlueGreenStatus;
import dev.ramp.api.CanaryStatus;
import dev.ramp.api.PauseCondition;
import dev.ramp.api.Phase;
import dev.ramp.api.PingPong;
import dev.ramp.api.RolloutCondition;
import dev.ramp.api.RolloutStatus;
import dev.ramp.engine.analysis.JudgeGate;
import dev.ramp.engine.analysis.RolloutAnalysisPlanner;
import dev.ramp.engine.bluegreen.BlueGreenSteps;
import dev.ramp.engine.canary.CanaryTargets;
import dev.ramp.engine.gates.GateMessages;
import dev.ramp.engine.routing.RoutePlanner;
import dev.ramp.engine.spec.LabelSelectors;
import dev.ramp.engine.state.RolloutState;
import dev.ramp.engine.workload.WorkloadPlanner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Writes the control state and what was observed into a new status. */
final class StatusBuilder {
  private StatusBuilder() {}

  static RolloutStatus build(RolloutStatus old, RolloutState s, Observation o,
      WorkloadPlanner.Result workload, RolloutAnalysisPlanner.Result analysis) {
    RolloutStatus status = control(old, s, o);
    status.currentStepIndex = s.stepIndex;
    status.replicas = sum(o, ReplicaSetView::currentReplicas);
    status.readyReplicas = sum(o, ReplicaSetView::readyReplicas);
    status.availableReplicas = o.totalAvailable();
    status.updatedReplicas = o.replicaSet(s.updatedRevision)
        .map(ReplicaSetView::currentReplicas).orElse(0);
    status.updatedAvailableReplicas = o.available(s.updatedRevision);
    status.selector = LabelSelectors.format(o.spec().selector());
    if (o.spec().blueGreen() != null) {
      status.blueGreen = blueGreen(workload, analysis);
    } else {
      status.canary = new CanaryStatus();
      status.canary.weight = workload.canaryWeight();
      status.canary.stablePingPong = o.spec().pingPong()
          ? Objects.requireNonNullElse(s.stablePingPong, PingPong.PING) : null;
      status.canary.awaitingAcceptanceSince = s.awaitingAcceptanceSince == null ? null
          : Times.format(s.awaitingAcceptanceSince);
      status.canary.rollbackRevision = s.rollbackRevision;
      status.canary.baselineRevision = workload.baselineRevision();
      status.canary.currentStepAnalysisRun = analysis.stepRun();
      status.canary.backgroundAnalysisRun = analysis.backgroundRun();
    }
    status.restartedAt = workload.restartedAt() != null ? workload.restartedAt() : old.restartedAt;
    status.message = message(s, o, workload.canaryWeight());

    Instant now = o.now();
    List<RolloutCondition> conditions = status.conditions;
    Conditions.remove(conditions, INVALID_SPEC);
    setProgressing(conditions, s, status.message, now);
    boolean available = o.totalAvailable() >= o.spec().replicas() - o.spec().maxUnavailable();
    Conditions.set(conditions, AVAILABLE, available,
        available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
        o.totalAvailable() + " pods available, " + (o.spec().replicas() - o.spec().maxUnavailable())
            + " needed", now, null);
    Conditions.set(conditions, PAUSED, s.phase == Phase.Paused,
        s.phase != Phase.Paused ? "NotPaused"
            : o.spec().userPaused() ? "PausedByUser"
            : s.pauseConditions.isEmpty() ? o.spec().steps().pauseReason()
            : s.pauseConditions.get(0).reason, "", now, null);
    boolean completed = s.phase == Phase.Healthy && !s.updating();
    Conditions.set(conditions, COMPLETED, completed,
        completed ? "RolloutCompleted" : "RolloutNotCompleted", "", now, null);
    return status;
  }

  private static BlueGreenStatus blueGreen(WorkloadPlanner.Result workload,
      RolloutAnalysisPlanner.Result analysis) {
    BlueGreenStatus status = new BlueGreenStatus();
    status.activeSelector = workload.activeSelector();
    status.previewSelector = workload.previewSelector();
    if (BlueGreenSteps.PRE_PROMOTION.equals(analysis.stepKind())) {
      status.prePromotionAnalysisRun = analysis.stepRun();
    } else if (BlueGreenSteps.POST_PROMOTION.equals(analysis.stepKind())) {
      status.postPromotionAnalysisRun = analysis.stepRun();
    }
    return status;
  }

  /** The status of an invalid spec: what was observed before stays, the problem is reported. */
  static RolloutStatus invalid(RolloutStatus old, RolloutState s, Observation o) {
    RolloutStatus status = control(old, s, o);
    status.currentStepIndex = old.currentStepIndex;
    status.replicas = old.replicas;
    status.readyReplicas = old.readyReplicas;
    status.availableReplicas = old.availableReplicas;
    status.updatedReplicas = old.updatedReplicas;
    status.updatedAvailableReplicas = old.updatedAvailableReplicas;
    status.selector = old.selector;
    status.canary = old.canary;
    status.blueGreen = old.blueGreen;
    status.restartedAt = old.restartedAt;
    status.refusedRevision = o.problems().refusedRevision();
    status.refusal = o.problems().refusal();
    status.message = "Invalid spec: " + s.invalidMessage;
    Conditions.set(status.conditions, INVALID_SPEC, true, "InvalidSpec", s.invalidMessage,
        o.now(), null);
    Conditions.set(status.conditions, PROGRESSING, false, "InvalidSpec", status.message, o.now(),
        null);
    return status;
  }

  /** The fields that carry the control state. */
  private static RolloutStatus control(RolloutStatus old, RolloutState s, Observation o) {
    RolloutStatus status = new RolloutStatus();
    status.phase = s.phase.name();
    status.observedGeneration = o.rollout().getMetadata().getGeneration();
    status.stableRevision = s.stableRevision;
    status.updatedRevision = s.updatedRevision;
    status.pauseConditions = s.pauseConditions.isEmpty() ? null : s.pauseConditions;
    status.controllerPause = s.controllerPause ? true : null;
    status.abort = s.abort ? true : null;
    status.abortMessage = s.phase == Phase.Aborted ? s.abortMessage : null;
    status.promoteFull = s.promoteFull ? true : null;
    status.gates = s.gates.isEmpty() ? null : s.gates;
    status.conditions = copy(old.conditions);
    status.notifications = old.notifications; // the controller's to change
    return status;
  }

  private static void setProgressing(
      List<RolloutCondition> conditions, RolloutState s, String message, Instant now) {
    switch (s.phase) {
      case Aborted -> Conditions.set(conditions, PROGRESSING, false, "RolloutAborted",
          message, now, s.lastProgress);
      case Degraded -> Conditions.set(conditions, PROGRESSING, false, "ProgressDeadlineExceeded",
          message, now, s.lastProgress);
      case Paused -> Conditions.set(conditions, PROGRESSING, "Unknown", "RolloutPaused",
          message, now, s.lastProgress);
      case Healthy -> Conditions.set(conditions, PROGRESSING, true, "RolloutHealthy",
          message, now, s.lastProgress);
      case Progressing -> Conditions.set(conditions, PROGRESSING, true, "RolloutProgressing",
          message, now, s.lastProgress);
    }
  }

  private static String message(RolloutState s, Observation o, int canaryWeight) {
    return switch (s.phase) {
      case Aborted -> s.abortMessage;
      case Healthy -> "Healthy: revision " + s.stableRevision + ", " + o.available(s.stableRevision)
          + "/" + o.spec().replicas() + " pods available" + (JudgeGate.guarding(s, o)
              ? "; the judge watches it until revision " + s.rollbackRevision + " is scaled down"
              : "");
      case Paused -> o.spec().userPaused() && !s.controllerPause
          ? "Paused by user (spec.paused): set it to false to resume"
          : "Paused at " + o.spec().steps().describe(s.stepIndex) + pauseHint(s, o);
      case Degraded -> "Progress deadline exceeded: " + waiting(s, o);
      case Progressing -> s.awaitingAcceptanceSince == null ? waiting(s, o)
          : JudgeGate.waiting(canaryWeight * 100 / o.spec().canary().weightTotal(),
              JudgeGate.evidence(s, o));
    };
  }

  private static String pauseHint(RolloutState s, Observation o) {
    if (!s.controllerPause || s.pauseConditions.isEmpty()) {
      return "";
    }
    PauseCondition pause = s.pauseConditions.get(0);
    if (PauseCondition.INCONCLUSIVE_ANALYSIS.equals(pause.reason)
        && s.awaitingAcceptanceSince != null) {
      return ": " + JudgeGate.notAccepted(JudgeGate.maxWait(o, s.stepIndex),
          JudgeGate.evidence(s, o));
    }
    if (PauseCondition.INCONCLUSIVE_ANALYSIS.equals(pause.reason)) {
      return ": the analysis was inconclusive, promote to continue or abort";
    }
    var duration = o.spec().steps().pauseDuration(s.stepIndex);
    if (duration == null) {
      return ": promote to continue";
    }
    Instant start = Times.parse(pause.startTime, o.now());
    return ": continuing at " + Times.format(start.plus(duration));
  }

  /** What the rollout is waiting for. */
  private static String waiting(RolloutState s, Observation o) {
    if (!s.updating()) {
      return "Scaling revision " + s.stableRevision + ": " + o.available(s.stableRevision) + "/"
          + o.spec().replicas() + " pods available";
    }
    if (s.stepIndex >= o.spec().steps().count()) {
      return "Promoting revision " + s.updatedRevision + ": " + o.available(s.updatedRevision)
          + "/" + o.spec().replicas() + " pods available";
    }
    String gate = GateMessages.waiting(s, o);
    if (gate != null) {
      return gate;
    }
    CanaryTargets targets = CanaryTargets.at(s.stepIndex, o.spec());
    String role = o.spec().blueGreen() != null ? "new revision " : "canary ";
    String text = "At " + o.spec().steps().describe(s.stepIndex) + ": " + role + s.updatedRevision
        + " has " + o.available(s.updatedRevision) + "/" + targets.canary() + " pods available";
    if (o.spec().dynamicStableScale()) {
      text += ", stable " + s.stableRevision + " is sized "
          + o.replicaSet(s.stableRevision).map(ReplicaSetView::replicas).orElse(0) + "/"
          + targets.stable();
    }
    RouterView.NotInEffect notInEffect = RoutePlanner.notInEffect(o);
    return notInEffect == null || !notInEffect.shown() ? text
        : text + "; " + notInEffect.message();
  }

  private static int sum(Observation o, java.util.function.ToIntFunction<ReplicaSetView> field) {
    return o.replicaSets().stream().mapToInt(field).sum();
  }

  private static List<RolloutCondition> copy(List<RolloutCondition> conditions) {
    List<RolloutCondition> copies = new ArrayList<>();
    if (conditions != null) {
      conditions.forEach(c -> copies.add(Copies.of(c)));
    }
    return copies;
  }

}
