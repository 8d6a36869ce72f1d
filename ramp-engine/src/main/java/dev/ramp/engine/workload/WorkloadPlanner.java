package dev.ramp.engine.workload;

import dev.ramp.api.Phase;
import dev.ramp.engine.Action;
import dev.ramp.engine.Observation;
import dev.ramp.engine.ReplicaSetView;
import dev.ramp.engine.RolloutEvent;
import dev.ramp.engine.canary.CanaryTargets;
import dev.ramp.engine.services.ServicePlanner;
import dev.ramp.engine.spec.EffectiveSpec;
import dev.ramp.engine.state.RolloutState;
import dev.ramp.engine.workload.ReplicaBudget.Sizing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Turns the control state into changes to ReplicaSets, pods and the referenced Deployment, with
 * the Services' selectors from {@link ServicePlanner}. Every action sets a value (never adds to one), so a plan applied twice, or applied
 * after a crash half-way, ends in the same place.
 */
public final class WorkloadPlanner {

  /**
   * The workload side of a plan.
   *
   * @param growing creations, scale-ups and Service switches: what makes room for traffic
   * @param shrinking scale-downs and deletions: what must only happen once traffic moved away
   * @param canaryWeight the traffic share the available canary pods serve
   * @param wakeAt the earliest scale-down deadline or restart time still to come, or null
   * @param restartedAt the spec.restartAt that has now been carried out, or null
   * @param activeSelector blue-green: the revision the active Service selects, or null
   * @param previewSelector blue-green: the revision the preview Service selects, or null
   * @param baselineRevision the revision of the canary's fresh baseline while it runs, or null
   * @param baselineWeight the traffic share the available baseline pods serve
   */
  public record Result(
      List<Action> growing,
      List<Action> shrinking,
      List<RolloutEvent> events,
      int canaryWeight,
      Instant wakeAt,
      String restartedAt,
      String activeSelector,
      String previewSelector,
      String baselineRevision,
      int baselineWeight) {

    /** All the actions in order, with the traffic changes between growing and shrinking. */
    public List<Action> actions(List<Action> traffic) {
      List<Action> actions = new ArrayList<>(growing);
      actions.addAll(traffic);
      actions.addAll(shrinking);
      return actions;
    }
  }

  private final RolloutState s;
  private final Observation o;
  private final EffectiveSpec spec;
  private final List<Action> creates = new ArrayList<>();
  private final List<Action> grows = new ArrayList<>();
  private final List<Action> shrinks = new ArrayList<>();
  private final List<Action> deploymentActions = new ArrayList<>();
  private final List<RolloutEvent> events = new ArrayList<>();
  private Instant wakeAt;
  /** The canary's fresh baseline while it runs (a canary update before its promotion). */
  private FreshBaseline baseline;

  private WorkloadPlanner(RolloutState s, Observation o) {
    this.s = s;
    this.o = o;
    this.spec = o.spec();
  }

  public static Result plan(RolloutState s, Observation o) {
    return new WorkloadPlanner(s, o).plan();
  }

  private Result plan() {
    boolean aborted = s.phase == Phase.Aborted;
    boolean canaryActive = s.updating() && !aborted;
    CanaryTargets targets = canaryActive ? CanaryTargets.at(s.stepIndex, spec) : null;
    baseline = canaryActive && s.stepIndex < spec.steps().count()
        ? FreshBaseline.of(o, s.stableRevision).orElse(null) : null;
    int baselineWanted = baseline == null ? 0
        : FreshBaseline.replicas(spec.canary().baseline, targets.canary());
    int stableTarget = targets == null ? spec.replicas() : targets.stable();
    if (spec.basicCanary()) {
      // without a router the pods are the shares: the baseline's come out of the stable's
      baselineWanted = Math.min(baselineWanted, stableTarget);
      stableTarget -= baselineWanted;
    }

    // Scale-downs are taken in this order (oldest first, stable last), scale-ups in reverse.
    List<Sizing> sizings = new ArrayList<>();
    List<ReplicaSetView> inactive = o.replicaSets().stream()
        .filter(rs -> !rs.hash().equals(s.stableRevision) && !rs.hash().equals(s.updatedRevision)
            && (baseline == null || !rs.hash().equals(baseline.revision())))
        .sorted(Comparator.comparingLong(ReplicaSetView::revision))
        .toList();
    for (ReplicaSetView rs : inactive) {
      sizings.add(sizing(rs, inactiveTarget(rs)));
    }
    if (baseline != null) {
      sizings.add(sizing(baseline.revision(), baselineWanted));
    }
    if (s.updating()) {
      sizings.add(sizing(s.updatedRevision, canaryActive ? targets.canary()
          : o.replicaSet(s.updatedRevision).map(this::inactiveTarget).orElse(0)));
    }
    sizings.add(sizing(s.stableRevision, stableTarget));

    int[] sizes = ReplicaBudget.sizes(sizings, ceiling(sizings),
        spec.replicas() - spec.maxUnavailable());
    for (int i = 0; i < sizings.size(); i++) {
      resize(sizings.get(i), sizes[i], aborted);
    }
    keepActiveReplicaSets(canaryActive);
    String baselineRevision = baseline == null ? null : baseline.revision();
    ServicePlanner.Result services = ServicePlanner.plan(s, o, canaryActive,
        sizes[sizes.length - 1] == 0, baselineRevision);
    grows.addAll(services.pins());
    events.addAll(services.events());
    List<Action> deletes = trimHistory(sizings, sizes);
    RestartPlanner.Result restart = RestartPlanner.plan(s, o, canaryActive);
    events.addAll(restart.events());
    wakeAt = earliest(wakeAt, restart.wakeAt());
    scaleDownReferencedDeployment();

    List<Action> growing = new ArrayList<>(creates);
    growing.addAll(grows);
    List<Action> shrinking = new ArrayList<>(shrinks);
    shrinking.addAll(deletes);
    shrinking.addAll(restart.actions());
    shrinking.addAll(deploymentActions);
    int weight = canaryActive ? targets.appliedWeight(o.available(s.updatedRevision)) : 0;
    int baselineWeight = baseline == null ? 0
        : FreshBaseline.weight(weight, keeps(baselineRevision), baselineWanted);
    return new Result(growing, shrinking, events, weight, wakeAt, restart.restartedAt(),
        services.activeSelector(), services.previewSelector(), baselineRevision, baselineWeight);
  }

  /**
   * The most pods the ReplicaSets may ask for together. A canary without a router serves users
   * with every pod it runs, so all of them count against replicas + maxSurge (Argo Rollouts'
   * basic canary). A routed canary or a blue-green preview is sized apart from the stable, which
   * stays full (as in Argo): the surge then limits only the pods beyond those targets, which
   * ReplicaSets on their way down still hold.
   */
  private int ceiling(List<Sizing> sizings) {
    int surged = spec.replicas() + spec.maxSurge();
    return spec.basicCanary() ? surged
        : Math.max(surged, sizings.stream().mapToInt(Sizing::target).sum());
  }

  private Sizing sizing(ReplicaSetView rs, int target) {
    return new Sizing(rs.hash(), rs.replicas(), rs.availableReplicas(), target);
  }

  private Sizing sizing(String revision, int target) {
    return o.replicaSet(revision)
        .map(rs -> sizing(rs, target))
        .orElseGet(() -> new Sizing(revision, 0, 0, target));
  }

  /**
   * A ReplicaSet no longer in use (an old stable, an aborted or replaced canary) goes to zero,
   * but not before its scale-down deadline. It gets one only when a router or a Service switch
   * moved its traffic away first (proxies may lag): scaleDownDelaySeconds ahead for the stable a
   * promotion just replaced, abortScaleDownDelaySeconds for a new revision. Without, its pods
   * serve requests for as long as they exist, so they go at once (within maxUnavailable).
   */
  private int inactiveTarget(ReplicaSetView rs) {
    if (rs.replicas() == 0) {
      return 0;
    }
    Instant deadline = rs.scaleDownDeadline();
    if (deadline == null) {
      Duration delay = !spec.trafficLeavesFirst() ? Duration.ZERO
          : rs.hash().equals(s.retiredStable) ? spec.scaleDownDelay()
          : spec.abortScaleDownDelay();
      if (!delay.isZero()) {
        deadline = o.now().plus(delay);
        grows.add(new Action.SetScaleDownDeadline(rs.name(), deadline));
      }
    }
    if (deadline != null && o.now().isBefore(deadline)) {
      wakeAt = earliest(wakeAt, deadline);
      return rs.replicas();
    }
    return 0;
  }

  private void resize(Sizing sizing, int size, boolean aborted) {
    String revision = sizing.revision();
    Optional<ReplicaSetView> existing = o.replicaSet(revision);
    String name = existing.map(ReplicaSetView::name).orElse(o.replicaSetName(revision));
    if (existing.isEmpty()) {
      if (baseline != null && revision.equals(baseline.revision())) {
        // revision number 0: a baseline is never a revision to go back to (undo)
        creates.add(new Action.CreateReplicaSet(
            name, revision, 0, size, baseline.template(), spec.selector()));
        events.add(RolloutEvent.normal("ScalingReplicaSet", "Created baseline ReplicaSet " + name
            + " with " + size + " pods of the stable template, started with the canary"));
      } else if (!aborted || revision.equals(s.stableRevision)) {
        creates.add(new Action.CreateReplicaSet(
            name, revision, o.highestRevision() + 1, size, spec.template(), spec.selector()));
        events.add(RolloutEvent.normal("ScalingReplicaSet",
            "Created ReplicaSet " + name + " with " + size + " pods"));
      }
      return;
    }
    if (size == sizing.current()) {
      return;
    }
    (size > sizing.current() ? grows : shrinks).add(new Action.ScaleReplicaSet(name, size));
    events.add(RolloutEvent.normal("ScalingReplicaSet",
        "Scaled " + (size > sizing.current() ? "up" : "down") + " ReplicaSet " + name
            + " from " + sizing.current() + " to " + size));
  }

  /**
   * The ReplicaSets in use carry no scale-down deadline, and the newest revision carries the
   * highest revision number (so undo counts back from it).
   */
  private void keepActiveReplicaSets(boolean canaryActive) {
    List<String> active = new ArrayList<>(List.of(s.stableRevision));
    if (canaryActive) {
      active.add(s.updatedRevision);
    }
    if (baseline != null) {
      active.add(baseline.revision());
    }
    for (String revision : active) {
      o.replicaSet(revision)
          .filter(rs -> rs.scaleDownDeadline() != null)
          .ifPresent(rs -> grows.add(new Action.SetScaleDownDeadline(rs.name(), null)));
    }
    o.replicaSet(s.updatedRevision)
        .filter(rs -> o.replicaSets().stream().anyMatch(other -> other != rs
            && other.revision() >= rs.revision()))
        .ifPresent(rs -> grows.add(new Action.SetRevision(rs.name(), o.highestRevision() + 1)));
  }

  /** Deletes empty old ReplicaSets beyond revisionHistoryLimit, oldest first. */
  private List<Action> trimHistory(List<Sizing> sizings, int[] sizes) {
    List<ReplicaSetView> empty = new ArrayList<>();
    for (int i = 0; i < sizings.size(); i++) {
      String revision = sizings.get(i).revision();
      if (sizes[i] == 0 && !revision.equals(s.stableRevision)
          && !revision.equals(s.updatedRevision)) {
        o.replicaSet(revision).filter(rs -> rs.currentReplicas() == 0).ifPresent(empty::add);
      }
    }
    empty.sort(Comparator.comparingLong(ReplicaSetView::revision).reversed());
    return empty.stream().skip(spec.revisionHistoryLimit())
        .map(rs -> (Action) new Action.DeleteReplicaSet(rs.name()))
        .toList();
  }

  /** With workloadRef, the Deployment hands its traffic over once the Rollout is healthy. */
  private void scaleDownReferencedDeployment() {
    if (s.phase == Phase.Healthy && o.workload() != null && o.workload().replicas() > 0) {
      deploymentActions.add(new Action.ScaleDeployment(o.workload().name(), 0));
      events.add(RolloutEvent.normal("ScalingDeployment", "Scaled Deployment "
          + o.workload().name() + " to 0: the Rollout runs its pods now"));
    }
  }

  /** Available pods the revision's ReplicaSet keeps: those beyond its size are on their way out. */
  private int keeps(String revision) {
    return o.replicaSet(revision)
        .map(rs -> Math.min(rs.replicas(), rs.availableReplicas())).orElse(0);
  }

  static Instant earliest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }
}
