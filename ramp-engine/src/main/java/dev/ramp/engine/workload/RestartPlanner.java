package dev.ramp.engine.workload;

import dev.ramp.api.Rollout;
import dev.ramp.engine.Action;
import dev.ramp.engine.Observation;
import dev.ramp.engine.PodView;
import dev.ramp.engine.RolloutEvent;
import dev.ramp.engine.Times;
import dev.ramp.engine.state.RolloutState;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Carries out {@code spec.restartAt}: deletes the rollout's pods created before that time, a few
 * at a time (at most maxUnavailable missing at once, at least one), so their ReplicaSets recreate
 * them.
 */
public final class RestartPlanner {
  private static final Duration RECHECK = Duration.ofSeconds(5);

  record Result(
      List<Action> actions, List<RolloutEvent> events, Instant wakeAt, String restartedAt) {
    static final Result NONE = new Result(List.of(), List.of(), null, null);
  }

  private RestartPlanner() {}

  /** True when a restart was asked for and not yet carried out: the pods must be observed. */
  public static boolean pending(Rollout rollout) {
    String asked = rollout.getSpec() == null ? null : rollout.getSpec().restartAt;
    String done = rollout.getStatus() == null ? null : rollout.getStatus().restartedAt;
    return asked != null && !asked.equals(done);
  }

  static Result plan(RolloutState s, Observation o, boolean canaryActive) {
    if (!pending(o.rollout())) {
      return Result.NONE;
    }
    String asked = o.spec().restartAt();
    Instant at = Times.parse(asked, o.now());
    if (o.now().isBefore(at)) {
      return new Result(List.of(), List.of(), at, null);
    }
    Set<String> active = canaryActive
        ? Set.of(s.stableRevision, s.updatedRevision) : Set.of(s.stableRevision);
    List<PodView> old = o.pods().stream()
        .filter(p -> active.contains(p.hash()) && !p.terminating() && p.created().isBefore(at))
        .sorted(Comparator.comparing(PodView::created))
        .toList();
    // Counted from the pods, which are listed fresh: a ReplicaSet's status lags behind them.
    int missing = active.stream()
        .flatMap(revision -> o.replicaSet(revision).stream())
        .mapToInt(rs -> Math.max(0, rs.replicas() - (int) o.pods().stream()
            .filter(p -> p.hash().equals(rs.hash()) && p.ready() && !p.terminating()).count()))
        .sum();
    if (old.isEmpty()) {
      return missing > 0 ? new Result(List.of(), List.of(), o.now().plus(RECHECK), null)
          : new Result(List.of(), List.of(RolloutEvent.normal("RolloutRestarted",
              "All pods created before " + asked + " have been recreated")), null, asked);
    }
    int allowed = Math.max(1, o.spec().maxUnavailable()) - missing;
    List<PodView> batch = old.stream().limit(Math.max(0, allowed)).toList();
    if (batch.isEmpty()) {
      return new Result(List.of(), List.of(), o.now().plus(RECHECK), null);
    }
    List<Action> deletes =
        batch.stream().map(p -> (Action) new Action.DeletePod(p.name())).toList();
    RolloutEvent event = RolloutEvent.normal("RestartingPods", "Deleted "
        + String.join(", ", batch.stream().map(PodView::name).toList())
        + " to recreate them (" + (old.size() - batch.size()) + " more to go)");
    return new Result(deletes, List.of(event), o.now().plus(RECHECK), null);
  }
}
