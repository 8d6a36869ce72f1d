package dev.ramp.engine;

import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutStatus;
import dev.ramp.engine.analysis.RolloutAnalysisPlanner;
import dev.ramp.engine.experiment.RolloutExperimentPlanner;
import dev.ramp.engine.gates.GateRecords;
import dev.ramp.engine.routing.RoutePlanner;
import dev.ramp.engine.routing.UnverifiedWeight;
import dev.ramp.engine.state.RolloutState;
import dev.ramp.engine.state.RolloutStateMachine;
import dev.ramp.engine.workload.RestartPlanner;
import dev.ramp.engine.workload.WorkloadPlanner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ramp's decision: from what is observed about one rollout and the current time, what to change
 * and what its status becomes. A pure function: no Kubernetes client, no clock, no I/O.
 */
public final class RolloutEngine {
  private static final Duration INVALID_RECHECK = Duration.ofSeconds(10);

  private RolloutEngine() {}

  public static Plan decide(Snapshot snapshot, Instant now) {
    Rollout rollout = snapshot.rollout();
    RolloutStatus old = rollout.getStatus() == null ? new RolloutStatus() : rollout.getStatus();
    Observation o = Observation.of(snapshot, now);
    RolloutState s = RolloutStateMachine.initialState(old, o);
    RolloutState before = RolloutStateMachine.initialState(old, o);
    List<RolloutEvent> events = new ArrayList<>(RolloutStateMachine.run(s, o));
    if (o.invalid()) {
      // Look again now and then: what is missing (a router's object, a CRD) may appear
      // without any change Ramp is told about.
      return new Plan(StatusBuilder.invalid(old, s, o), List.of(), events, INVALID_RECHECK);
    }
    WorkloadPlanner.Result workload = WorkloadPlanner.plan(s, o);
    RoutePlanner.Result routes = RoutePlanner.plan(s, o, workload.canaryWeight(),
        workload.baselineWeight());
    RolloutAnalysisPlanner.Result analysis = RolloutAnalysisPlanner.plan(s, o,
        o.spec().blueGreen() == null ? workload.canaryWeight() : null);
    events.addAll(workload.events());
    UnverifiedWeight.notice(before, o).ifPresent(events::add);
    List<Action> actions = workload.actions(routes.actions());
    actions.addAll(analysis.actions());
    actions.addAll(RolloutExperimentPlanner.plan(s, o));
    o.adopted().ifPresent(rs -> {
      // first: the other actions may already size it as the rollout's
      actions.add(0, new Action.AdoptReplicaSet(rs.name(), rs.revision()));
      events.add(0, RolloutEvent.normal("AdoptedReplicaSet", "Adopted ReplicaSet " + rs.name()
          + " as revision " + rs.hash() + ": it runs the Rollout's pod template, and its pods"
          + " are kept as they are"));
    });
    RolloutStatus status = StatusBuilder.build(old, s, o, workload, analysis);
    Instant wake = earliest(earliest(RolloutStateMachine.nextTimer(s, o), workload.wakeAt()),
        earliest(routes.wakeAt(), GateRecords.nextAsk(rollout.getSpec(), status, now)));
    Duration requeue = wake == null ? null
        : Duration.between(now, wake).isNegative() ? Duration.ZERO : Duration.between(now, wake);
    routeRefusal(old, status, o).ifPresent(events::add);
    return new Plan(status, actions, events, requeue);
  }

  /**
   * A Warning Event when the message first says the router rejects the rollout's routes (not
   * on every reconcile while it does).
   */
  private static Optional<RolloutEvent> routeRefusal(RolloutStatus old, RolloutStatus status,
      Observation o) {
    RouterView.NotInEffect notInEffect = RoutePlanner.notInEffect(o);
    if (notInEffect == null || !notInEffect.refused() || status.message == null
        || !status.message.contains(notInEffect.message())
        || (old.message != null && old.message.contains(notInEffect.message()))) {
      return Optional.empty();
    }
    return Optional.of(RolloutEvent.warning("RouteNotAccepted", notInEffect.message()));
  }

  /** True when the snapshot must include the rollout's pods (a restart is under way). */
  public static boolean needsPods(Rollout rollout) {
    return RestartPlanner.pending(rollout);
  }

  private static Instant earliest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }
}
