package dev.ramp.engine.routing;

import dev.ramp.api.CanaryServices;
import dev.ramp.api.CanaryStep;
import dev.ramp.api.Phase;
import dev.ramp.api.routing.SetHeaderRoute;
import dev.ramp.api.routing.SetMirrorRoute;
import dev.ramp.engine.Action;
import dev.ramp.engine.Observation;
import dev.ramp.engine.RouterView;
import dev.ramp.engine.ServiceView;
import dev.ramp.engine.canary.CanarySteps;
import dev.ramp.engine.experiment.RolloutExperimentPlanner;
import dev.ramp.engine.state.RolloutState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a traffic router must say: the canary's weight (only what its available pods can serve;
 * zero on abort; zero at the end only once the stable Service selects the new stable pods), the
 * shares of the backends beside them (a fresh baseline, an experiment step's weighted
 * templates) while the canary is under way, the header and mirror routes of the steps so far,
 * and the session affinity while the canary has a share (none at the end or after an abort).
 */
public final class RoutePlanner {
  /** How often a rollout with a router is looked at to put back what others changed. */
  static final Duration RESYNC = Duration.ofSeconds(30);
  /**
   * How soon a router Ramp is changing is looked at again: one may show a change only after a
   * while (a router plugin, a gateway taking up a route), and nothing else tells Ramp when it
   * does.
   */
  static final Duration SETTLE = Duration.ofSeconds(2);
  /** How soon to look again while the router rejects its objects: a person has to act. */
  static final Duration REFUSED_RECHECK = Duration.ofSeconds(10);

  /** The router actions, and when to look again. */
  public record Result(List<Action> actions, Instant wakeAt) {}

  private RoutePlanner() {}

  /**
   * @param appliedWeight the share the available canary pods serve
   * @param baselineWeight the share the available pods of a fresh baseline serve
   */
  public static Result plan(RolloutState s, Observation o, int appliedWeight,
      int baselineWeight) {
    if (!o.spec().routed()) {
      return new Result(List.of(), null);
    }
    RouterView seen = o.router();
    List<Action> actions = new ArrayList<>();
    boolean active = s.updating() && s.phase != Phase.Aborted;
    int weight = active ? appliedWeight
        : s.phase == Phase.Aborted || stableServiceSwitched(s, o) ? 0 : seen.canaryWeight();
    // Subsets, like Service selectors, only move to a revision with available pods.
    String stableHash = o.available(s.stableRevision) > 0 ? s.stableRevision : seen.stableHash();
    String canaryHash = active && o.available(s.updatedRevision) > 0 ? s.updatedRevision
        : stableHash;
    boolean subsetsMove = o.spec().pinsSubsets() && stableHash != null
        && (!stableHash.equals(seen.stableHash()) || !canaryHash.equals(seen.canaryHash()));
    // routers that disagree are all given the weight again (those that show it write nothing)
    if (!pingPongSwapped(s, o)
        && (weight != seen.canaryWeight() || subsetsMove || !seen.agreed())) {
      actions.add(new Action.SetTrafficWeight(weight, stableHash, canaryHash));
    }
    // the spec checks allow extra backends only with a router that carries them; those the
    // spec no longer asks for still leave the route
    Map<String, Integer> extras = active ? extraWeights(s, o, baselineWeight) : Map.of();
    if (!extras.equals(seen.extraWeights()) || !seen.agreed() && !extras.isEmpty()) {
      actions.add(new Action.SetExtraWeights(extras));
    }
    Map<String, CanaryStep> wanted = active && s.stepIndex < o.spec().steps().count()
        ? routesAt(o.spec().steps(), s.stepIndex) : Map.of();
    Action.SetSessionAffinity affinity = SessionAffinityRoute.wanted(s, o, active, weight);
    for (String route : seen.routes()) {
      if (!wanted.containsKey(route) && (affinity == null || !affinity.name().equals(route))) {
        actions.add(new Action.RemoveRoute(route));
      }
    }
    CanaryStep current = active && s.stepIndex < o.spec().steps().count()
        ? o.spec().steps().at(s.stepIndex) : null;
    wanted.forEach((name, step) -> {
      if (!seen.routes().contains(name) || step == current || !seen.agreed()) {
        actions.add(route(step));
      }
    });
    if (affinity != null && (!seen.routes().contains(affinity.name()) || !seen.agreed())) {
      actions.add(affinity);
    }
    RouterView.NotInEffect notInEffect = notInEffect(o);
    Duration again = notInEffect != null && notInEffect.refused() ? REFUSED_RECHECK
        : notInEffect != null || !actions.isEmpty() ? SETTLE : RESYNC;
    return new Result(actions, o.now().plus(again));
  }

  /**
   * The backends beside the stable and the canary, by Service: a fresh baseline's and the
   * current experiment step's weighted templates', each with its share of requests.
   */
  private static Map<String, Integer> extraWeights(RolloutState s, Observation o,
      int baselineWeight) {
    Map<String, Integer> weights = new TreeMap<>(RolloutExperimentPlanner.weights(s, o));
    if (baselineWeight > 0) {
      weights.put(o.spec().canary().baselineService, baselineWeight);
    }
    return weights;
  }

  /**
   * True when the router, or every router, shows the weight a step asks for and its own status
   * says that is in effect (always, without a router).
   */
  public static boolean weightApplied(Observation o, int weight) {
    return !o.spec().routed() || inEffect(o) && o.router().canaryWeight() == weight;
  }

  /**
   * True when a route step's route is there (or gone, for a step that removes it) everywhere,
   * and in effect.
   */
  public static boolean routeApplied(Observation o, CanaryStep step) {
    String name = routeName(step);
    return name == null || inEffect(o) && o.router().routes().contains(name) == adds(step);
  }

  /** Why the router's objects do not steer requests yet, or null when they do. */
  public static RouterView.NotInEffect notInEffect(Observation o) {
    return o.spec().routed() && o.router() != null ? o.router().notInEffect() : null;
  }

  private static boolean inEffect(Observation o) {
    return o.router().agreed() && o.router().notInEffect() == null;
  }

  /** The routes in force while step {@code index} runs: the last word of each name so far. */
  static Map<String, CanaryStep> routesAt(CanarySteps steps, int index) {
    Map<String, CanaryStep> routes = new LinkedHashMap<>();
    for (int i = 0; i <= index && i < steps.count(); i++) {
      CanaryStep step = steps.at(i);
      String name = routeName(step);
      if (name != null) {
        routes.remove(name);
        if (adds(step)) {
          routes.put(name, step);
        }
      }
    }
    return routes;
  }

  private static String routeName(CanaryStep step) {
    return step.setHeaderRoute != null ? step.setHeaderRoute.name
        : step.setMirrorRoute != null ? step.setMirrorRoute.name : null;
  }

  private static boolean adds(CanaryStep step) {
    SetHeaderRoute header = step.setHeaderRoute;
    SetMirrorRoute mirror = step.setMirrorRoute;
    return header != null ? header.match != null && !header.match.isEmpty()
        : mirror != null && mirror.percentage != null;
  }

  private static Action route(CanaryStep step) {
    SetHeaderRoute header = step.setHeaderRoute;
    if (header != null) {
      return new Action.SetHeaderRoute(header.name, header.match);
    }
    SetMirrorRoute mirror = step.setMirrorRoute;
    return new Action.SetMirrorRoute(mirror.name, mirror.percentage,
        mirror.match == null ? List.of() : mirror.match);
  }

  /**
   * True when this decision swapped a ping-pong pair's roles. The router reads and writes in the
   * roles of the status it is given, the one observed, in which all the traffic goes to the
   * Service that has just become the stable one: nothing to write. The next decision reads the
   * new roles, and a canary weight of zero.
   */
  private static boolean pingPongSwapped(RolloutState s, Observation o) {
    return o.spec().pingPong()
        && !s.canaryServices(o.spec()).equals(CanaryServices.of(o.rollout()));
  }

  /**
   * At the end the weight goes back to zero only once the stable Service (or subset) selects the
   * new stable pods, so that no request goes to pods about to go away.
   */
  private static boolean stableServiceSwitched(RolloutState s, Observation o) {
    if (o.spec().pinsSubsets()) {
      return s.stableRevision.equals(o.router().stableHash());
    }
    String service = s.canaryServices(o.spec()).stable();
    ServiceView view = service == null ? null : o.services().get(service);
    return view == null || s.stableRevision.equals(view.pinnedHash());
  }
}
