package dev.ramp.engine.services;

import dev.ramp.api.BlueGreenStrategy;
import dev.ramp.api.CanaryServices;
import dev.ramp.engine.Action;
import dev.ramp.engine.Observation;
import dev.ramp.engine.RolloutEvent;
import dev.ramp.engine.ServiceView;
import dev.ramp.engine.spec.EffectiveSpec;
import dev.ramp.engine.state.RolloutState;
import java.util.ArrayList;
import java.util.List;

/**
 * Which revision each of the rollout's Services selects: the stable and canary Services of a
 * canary, the active and preview Services of a blue-green rollout.
 */
public final class ServicePlanner {

  /**
   * @param pins the selector changes, to apply before traffic moves and pods go
   * @param activeSelector blue-green: the revision the active Service selects, or null
   * @param previewSelector blue-green: the revision the preview Service selects, or null
   */
  public record Result(List<Action> pins, List<RolloutEvent> events, String activeSelector,
      String previewSelector) {}

  private final RolloutState s;
  private final Observation o;
  private final EffectiveSpec spec;
  private final List<Action> pins = new ArrayList<>();
  private final List<RolloutEvent> events = new ArrayList<>();
  private String activeSelector;
  private String previewSelector;

  private ServicePlanner(RolloutState s, Observation o) {
    this.s = s;
    this.o = o;
    this.spec = o.spec();
  }

  /**
   * @param canaryActive whether a new revision is being rolled out (not aborted)
   * @param stableEmptied whether this plan leaves the stable ReplicaSet without pods
   * @param baselineRevision the canary's fresh baseline while it runs, or null
   */
  public static Result plan(RolloutState s, Observation o, boolean canaryActive,
      boolean stableEmptied, String baselineRevision) {
    ServicePlanner planner = new ServicePlanner(s, o);
    if (o.spec().blueGreen() != null) {
      planner.pinBlueGreen(canaryActive);
    } else {
      planner.pinCanary(canaryActive, stableEmptied);
      planner.pinBaseline(baselineRevision);
    }
    return new Result(planner.pins, planner.events, planner.activeSelector,
        planner.previewSelector);
  }

  /**
   * Pins the stable Service to the stable revision and the canary Service to the canary while it
   * has available pods (to the stable revision otherwise). When this plan leaves the stable no pod
   * (a canary without a router at weight 100, or on its way to the promotion), the stable Service
   * selects the canary's pods instead, before the last stable pod goes, and stays there while the
   * canary keeps pods until the promotion or an abort (a stable pod coming back, say after a
   * restart decided an earlier step again, may be gone before its Service would see it). A
   * selector is only ever moved to a revision with available pods, so a Service never loses all
   * its endpoints through Ramp. With pingPong the two Services are in the roles the state gives
   * them: after a promotion the canary's Service is the stable one, already on the new revision,
   * and the other, which no longer gets any traffic, follows it as the idle canary Service.
   */
  private void pinCanary(boolean canaryActive, boolean stableEmptied) {
    CanaryServices canary = s.canaryServices(spec);
    boolean stableOnCanary = canary.stable() != null
        && s.updatedRevision.equals(o.services().get(canary.stable()).pinnedHash())
        && keeps(s.updatedRevision) > 0;
    pin(canary.stable(), canaryActive && (stableEmptied || stableOnCanary)
        ? s.updatedRevision : s.stableRevision);
    boolean canaryServes = canaryActive && o.available(s.updatedRevision) > 0;
    pin(canary.canary(), canaryServes ? s.updatedRevision : s.stableRevision);
  }

  /**
   * Pins a fresh baseline's Service to its pods while they are available, and to the stable
   * revision otherwise, before the baseline's pods go (as the canary Service), so that it never
   * selects a revision without pods.
   */
  private void pinBaseline(String baselineRevision) {
    boolean baselineServes = baselineRevision != null && keeps(baselineRevision) > 0;
    pin(spec.canary().baselineService, baselineServes ? baselineRevision : s.stableRevision);
  }

  /**
   * Blue-green: the active Service selects the stable revision until the switch, which comes at
   * the step after which users are served by the new revision, once all its pods are available
   * (it then stays, whatever happens to its pods, until an abort switches back). The preview
   * Service selects the new revision while it has available pods, the active one otherwise.
   */
  private void pinBlueGreen(boolean updating) {
    BlueGreenStrategy blueGreen = spec.blueGreen();
    String updated = s.updatedRevision;
    boolean switched = updating && s.stepIndex >= spec.steps().switchIndex()
        && (updated.equals(o.services().get(blueGreen.activeService).pinnedHash())
            || o.fullyAvailable(updated, spec.replicas()));
    activeSelector = pin(blueGreen.activeService, switched ? updated : s.stableRevision);
    boolean previewServes = updating && o.available(updated) > 0;
    previewSelector = pin(blueGreen.previewService, previewServes ? updated : activeSelector);
  }

  /**
   * Moves a Service's selector to a revision with available pods its ReplicaSet keeps (one scaled
   * to zero may still report pods that are on their way out); returns where it points.
   */
  private String pin(String service, String revision) {
    if (service == null) {
      return null;
    }
    ServiceView view = o.services().get(service);
    if (revision == null || revision.equals(view.pinnedHash()) || keeps(revision) == 0) {
      return view.pinnedHash();
    }
    pins.add(new Action.PinService(service, revision));
    events.add(RolloutEvent.normal("SwitchService",
        "Service " + service + " now selects revision " + revision));
    return revision;
  }

  /** Available pods the revision's ReplicaSet keeps: those beyond its size are on their way out. */
  private int keeps(String revision) {
    return o.replicaSet(revision)
        .map(rs -> Math.min(rs.replicas(), rs.availableReplicas())).orElse(0);
  }
}
