package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.routing.HeaderMatch;
import dev.ramp.api.routing.RouteMatch;
import dev.ramp.cluster.routing.RouteTable.MirrorField;
import dev.ramp.engine.Action;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The route-editing core of the route-table routers: weights, header routes, mirror routes and
 * their removal, written once over a route object as plain JSON for any {@link RouteTable}.
 * Pure: the router reads the object before and writes it after. Only what Ramp manages
 * changes; every other field, known to Ramp or not, stays where it was. The routes Ramp added
 * are recorded in the annotation {@code ramp.dev/managed-routes} (name to how), the backends it
 * added beside the stable and the canary in {@code ramp.dev/managed-backends} (their Services),
 * so that it removes its own, after a restart too, and never one a person wrote.
 */
final class RouteTableEditor {
  /** A rule of its own, found again by name. */
  private static final String RULE = "rule";
  /**
   * Mirrors on the weighed rules; ":0=REMOVE,2=NULL" says which rules' mirror field Ramp
   * added (counting the rules Ramp did not add) and what to leave there on removal.
   */
  private static final String MIRROR = "mirror";
  /** A session affinity, "affinity:name=value": a rule of its own and Set-Cookie headers. */
  private static final String AFFINITY = "affinity:";

  private final RouteTable table;
  /** The rollout's managedRoutes: the order of Ramp's rules, highest precedence first. */
  private final List<String> precedence;

  RouteTableEditor(RouteTable table, List<String> precedence) {
    this.table = table;
    this.precedence = precedence;
  }

  /** The canary's weight in the first rule Ramp weighs. */
  int weight(ObjectNode object) {
    return share(object, backend(firstWeighed(object), false));
  }

  /** The shares of the backends Ramp added beside the stable and the canary, by Service. */
  Map<String, Integer> extraWeights(ObjectNode object) {
    Map<String, Integer> weights = new LinkedHashMap<>();
    Set<String> extras = RouterObjects.managedBackends(object);
    for (ObjectNode backend : extrasOf(firstWeighed(object), extras)) {
      weights.put(table.serviceOf(backend), share(object, Optional.of(backend)));
    }
    return weights;
  }

  /**
   * A backend's share (percent) of the first weighed rule's stable, canary and the backends
   * Ramp added beside them.
   */
  private int share(ObjectNode object, Optional<ObjectNode> backend) {
    ObjectNode rule = firstWeighed(object);
    int total = table.weightOf(backend(rule, true).orElseThrow())
        + backend(rule, false).map(table::weightOf).orElse(0)
        + extrasOf(rule, RouterObjects.managedBackends(object)).stream()
            .mapToInt(table::weightOf).sum();
    return backend.isEmpty() || total == 0 ? 0
        : Math.round(100f * table.weightOf(backend.get()) / total);
  }

  private ObjectNode firstWeighed(ObjectNode object) {
    return table.weighed(object, RouterObjects.managedRoutes(object).keySet()).get(0);
  }

  /**
   * Makes the changes to the route object, in order; true when it is no longer as it was (so
   * the router writes it once, or not at all).
   */
  boolean apply(ObjectNode object, List<Action.RouteChange> changes) {
    ObjectNode before = object.deepCopy();
    for (Action.RouteChange change : changes) {
      if (change instanceof Action.SetTrafficWeight weight) {
        setWeight(object, weight.weight());
      } else if (change instanceof Action.SetExtraWeights extras) {
        setExtraWeights(object, extras.weights());
      } else if (change instanceof Action.SetHeaderRoute route) {
        setHeaderRoute(object, route.name(), route.match());
      } else if (change instanceof Action.SetMirrorRoute route) {
        setMirrorRoute(object, route.name(), route.percentage(), route.match());
      } else if (change instanceof Action.SetSessionAffinity affinity) {
        setSessionAffinity(object, affinity);
      } else if (change instanceof Action.RemoveRoute route) {
        removeRoute(object, route.name());
      } else {
        throw new IllegalArgumentException("unknown route change " + change);
      }
    }
    return !object.equals(before);
  }

  /**
   * Gives the canary {@code weight} percent in every weighed rule, adding its backend; the
   * stable gets what the canary and the backends Ramp added beside them leave.
   */
  void setWeight(ObjectNode object, int weight) {
    Set<String> extras = RouterObjects.managedBackends(object);
    for (ObjectNode rule : table.weighed(object, RouterObjects.managedRoutes(object).keySet())) {
      canaryOf(rule).put("weight", weight);
      balanceStable(rule, extras);
    }
  }

  /**
   * Gives each Service its share (percent) in every weighed rule, taken from the stable, with a
   * backend Ramp adds beside the stable and the canary; the backends Ramp added before for
   * other Services go, and no other backend is touched.
   */
  void setExtraWeights(ObjectNode object, Map<String, Integer> weights) {
    Map<String, Integer> wanted = new TreeMap<>(weights);
    wanted.values().removeIf(weight -> weight <= 0);
    Set<String> before = RouterObjects.managedBackends(object);
    for (ObjectNode rule : table.weighed(object, RouterObjects.managedRoutes(object).keySet())) {
      for (ObjectNode backend : extrasOf(rule, before)) {
        if (!wanted.containsKey(table.serviceOf(backend))) {
          JsonFields.remove(table.backendList(rule), backend);
        }
      }
      wanted.forEach((service, weight) -> extrasOf(rule, Set.of(service)).stream().findFirst()
          .orElseGet(() -> {
            ObjectNode added = table.backendLike(backend(rule, true).orElseThrow(), service);
            table.backendList(rule).add(added);
            return added;
          }).put("weight", weight));
      balanceStable(rule, wanted.keySet());
    }
    RouterObjects.setManagedBackends(object, wanted.keySet());
  }

  /** The stable's weight in a rule: what the canary and Ramp's other backends leave of 100. */
  private void balanceStable(ObjectNode rule, Set<String> extras) {
    int others = backend(rule, false).map(table::weightOf).orElse(0)
        + extrasOf(rule, extras).stream().mapToInt(table::weightOf).sum();
    backend(rule, true).orElseThrow().put("weight", Math.max(0, 100 - others));
  }

  /** A rule's backends to these Services (those Ramp added beside the stable and the canary). */
  private List<ObjectNode> extrasOf(ObjectNode rule, Set<String> services) {
    return table.backendsOf(rule).stream().filter(backend -> {
      String service = table.serviceOf(backend);
      return service != null && services.contains(service);
    }).toList();
  }

  /** The routes Ramp manages in the object; a session affinity only while all of it is there. */
  Set<String> routes(ObjectNode object) {
    Map<String, String> managed = RouterObjects.managedRoutes(object);
    Set<String> routes = new LinkedHashSet<>(managed.keySet());
    managed.forEach((name, how) -> {
      if (how.startsWith(AFFINITY) && !affinityInPlace(object, name, cookieOf(how))) {
        routes.remove(name);
      }
    });
    return routes;
  }

  /** A rule sending requests that match to the canary, before the weighed rules. */
  void setHeaderRoute(ObjectNode object, String name, List<HeaderMatch> match) {
    String refusal = table.capabilities().headerRouteRefusal();
    if (refusal != null) {
      throw new RouterProblem(refusal);
    }
    removeRoute(object, name);
    addCanaryRule(object, name, match);
    record(object, name, RULE);
  }

  /**
   * Keeps the users the canary served on it, as Flagger does: the canary's backend in each
   * weighed rule sets the cookie, and a rule of its own before them sends the requests that
   * carry it to the canary.
   */
  void setSessionAffinity(ObjectNode object, Action.SetSessionAffinity affinity) {
    String refusal = table.capabilities().sessionAffinityRefusal();
    if (refusal != null) {
      throw new RouterProblem(refusal);
    }
    removeRoute(object, affinity.name());
    SessionCookie cookie = SessionCookie.of(affinity);
    for (ObjectNode rule : weighedRequestRules(object)) {
      table.addSetCookie(canaryOf(rule), SessionCookie.setCookie(affinity));
    }
    addCanaryRule(object, affinity.name(), List.of(cookie.match()));
    record(object, affinity.name(), AFFINITY + cookie.cookie());
  }

  /** A rule named {@code name} sending the requests that match to the canary. */
  private void addCanaryRule(ObjectNode object, String name, List<HeaderMatch> match) {
    List<ObjectNode> weighed = weighedRequestRules(object);
    ObjectNode rule = table.matching(name, match);
    ObjectNode canary = table.canaryLike(backend(weighed.get(0), true).orElseThrow());
    canary.put("weight", 100);
    table.backendList(rule).add(canary);
    table.inherit(rule, weighed.get(0));
    insert(object, weighed.get(0), rule);
  }

  /** Whether the affinity's rule is there and the canary sets its cookie in each weighed rule. */
  private boolean affinityInPlace(ObjectNode object, String name, SessionCookie cookie) {
    boolean rule = JsonFields.objects(spec(object), table.requestRules()).stream()
        .anyMatch(r -> name.equals(r.path("name").asText(null)));
    return rule && weighedRequestRules(object).stream().allMatch(weighed ->
        backend(weighed, false).filter(canary -> table.setsCookie(canary, cookie)).isPresent());
  }

  private List<ObjectNode> weighedRequestRules(ObjectNode object) {
    return table.weighedRequestRules(object, RouterObjects.managedRoutes(object).keySet());
  }

  /** A rule's backend to the canary, added with no share when it has none. */
  private ObjectNode canaryOf(ObjectNode rule) {
    return backend(rule, false).orElseGet(() -> {
      ObjectNode added = table.canaryLike(backend(rule, true).orElseThrow());
      added.put("weight", 0);
      table.backendList(rule).add(added);
      return added;
    });
  }

  /**
   * Mirrors {@code percentage}% of requests to the canary: those of the weighed rules, or with
   * a match, those of a rule of its own placed before them.
   */
  void setMirrorRoute(ObjectNode object, String name, int percentage, List<RouteMatch> match) {
    String refusal = table.capabilities().mirrorRouteRefusal();
    if (refusal != null) {
      throw new RouterProblem(refusal);
    }
    removeRoute(object, name);
    List<ObjectNode> weighed = weighedRequestRules(object);
    ObjectNode canary = table.canaryLike(backend(weighed.get(0), true).orElseThrow());
    canary.remove("weight");
    if (match.isEmpty()) {
      List<ObjectNode> unmanaged = unmanagedRequestRules(object);
      List<String> fields = new ArrayList<>();
      for (ObjectNode rule : weighed) {
        // the mirror rules Ramp added are weighed too, and mirror already
        int index = JsonFields.indexOf(unmanaged, rule);
        MirrorField field = index < 0 ? MirrorField.KEEP
            : table.addMirror(rule, canary.deepCopy(), percentage);
        if (field != MirrorField.KEEP) {
          fields.add(index + "=" + field);
        }
      }
      record(object, name, fields.isEmpty() ? MIRROR : MIRROR + ":" + String.join(",", fields));
    } else {
      ObjectNode rule = table.matchingAny(name, match);
      ObjectNode template = weighed.get(0);
      ArrayNode backends = table.backendList(rule);
      table.backendsOf(template).forEach(backend -> backends.add(backend.deepCopy()));
      table.addMirror(rule, canary, percentage);
      table.inherit(rule, template);
      insert(object, weighed.get(0), rule);
      record(object, name, RULE);
    }
  }

  /** Removes a header or mirror route Ramp added; nothing when there is none by that name. */
  void removeRoute(ObjectNode object, String name) {
    Map<String, String> managed = RouterObjects.managedRoutes(object);
    String how = managed.get(name);
    if (how == null) {
      return;
    }
    if (isRule(how)) {
      for (ObjectNode rule : JsonFields.objects(spec(object), table.requestRules())) {
        if (name.equals(rule.path("name").asText(null))) {
          JsonFields.remove(JsonFields.list(spec(object), table.requestRules(), "spec"), rule);
        } else if (how.startsWith(AFFINITY)) {
          table.backendsOf(rule).stream().filter(backend -> table.leadsTo(backend, false))
              .forEach(canary -> table.removeSetCookie(canary, cookieOf(how)));
        }
      }
    } else {
      Map<Integer, MirrorField> fields = mirrorFields(how);
      List<ObjectNode> unmanaged = unmanagedRequestRules(object);
      for (int i = 0; i < unmanaged.size(); i++) {
        table.removeMirror(unmanaged.get(i), fields.getOrDefault(i, MirrorField.KEEP));
      }
    }
    managed.remove(name);
    RouterObjects.setManagedRoutes(object, managed);
  }

  /** The names of the routes Ramp added to the object. */
  static Set<String> managedRoutes(JsonNode object) {
    return RouterObjects.managedRoutes(object).keySet();
  }

  /**
   * The entries of a list Ramp weighs: those named in {@code listed} (all when it is null) or
   * added by Ramp, that lead to the stable version.
   */
  static List<ObjectNode> listedOrManaged(List<ObjectNode> entries, List<String> listed,
      Set<String> managed, Predicate<ObjectNode> toStable) {
    List<ObjectNode> weighed = new ArrayList<>();
    for (ObjectNode entry : entries) {
      String name = entry.path("name").asText("");
      boolean named = listed == null || listed.contains(name) || managed.contains(name);
      if (named && toStable.test(entry)) {
        weighed.add(entry);
      }
    }
    return weighed;
  }

  /** A rule's backend to the stable (or canary) version, if it has one. */
  private Optional<ObjectNode> backend(ObjectNode rule, boolean stable) {
    return table.backendsOf(rule).stream()
        .filter(backend -> table.leadsTo(backend, stable)).findFirst();
  }

  /**
   * Adds a rule of Ramp's ahead of the weighed rules: before Ramp's rules that come later in
   * the managedRoutes, after those that come earlier; just before the first weighed rule when
   * the route is not declared there.
   */
  private void insert(ObjectNode object, ObjectNode firstWeighed, ObjectNode rule) {
    ArrayNode rules = JsonFields.list(spec(object), table.requestRules(), "spec");
    int at = JsonFields.indexOf(rules, firstWeighed);
    at = at < 0 ? rules.size() : at;
    int rank = precedence.indexOf(rule.path("name").asText());
    if (rank >= 0) {
      Set<String> ramps = rampRules(object);
      for (int i = 0; i < rules.size(); i++) {
        String other = rules.get(i).path("name").asText("");
        int otherRank = ramps.contains(other) ? precedence.indexOf(other) : -1;
        if (otherRank > rank) {
          at = i;
          break;
        } else if (otherRank >= 0) {
          at = i + 1;
        }
      }
    }
    rules.insert(at, rule);
  }

  /**
   * The request rules except those Ramp added: their positions stay the same whatever routes
   * Ramp adds or removes, so they identify the rules a mirror was added to.
   */
  private List<ObjectNode> unmanagedRequestRules(ObjectNode object) {
    Set<String> rules = rampRules(object);
    return JsonFields.objects(spec(object), table.requestRules()).stream()
        .filter(rule -> !rules.contains(rule.path("name").asText(""))).toList();
  }

  /** The names of the rules of their own Ramp added. */
  private static Set<String> rampRules(ObjectNode object) {
    Set<String> rules = new LinkedHashSet<>();
    RouterObjects.managedRoutes(object).forEach((name, how) -> {
      if (isRule(how)) {
        rules.add(name);
      }
    });
    return rules;
  }

  private static ObjectNode spec(ObjectNode object) {
    return JsonFields.object(object, "spec", "the object");
  }

  // "route" (Istio) was written for rules by earlier versions, "filter" and "fields" for mirrors
  private static boolean isRule(String how) {
    return RULE.equals(how) || "route".equals(how) || how.startsWith(AFFINITY);
  }

  private static SessionCookie cookieOf(String affinity) {
    return new SessionCookie(affinity.substring(AFFINITY.length()));
  }

  /** From "mirror:0=REMOVE,2=NULL": what to do with the mirror field of rules 0 and 2. */
  private static Map<Integer, MirrorField> mirrorFields(String how) {
    Map<Integer, MirrorField> fields = new LinkedHashMap<>();
    int colon = how.indexOf(':');
    if (colon < 0) {
      return fields;
    }
    for (String entry : how.substring(colon + 1).split(",")) {
      String[] parts = entry.split("=");
      try {
        fields.put(Integer.parseInt(parts[0].trim()), MirrorField.valueOf(parts[1].trim()));
      } catch (RuntimeException e) {
        // edited by hand into nonsense: leave that rule's field as it is
      }
    }
    return fields;
  }

  private static void record(ObjectNode object, String name, String how) {
    Map<String, String> managed = RouterObjects.managedRoutes(object);
    managed.put(name, how);
    RouterObjects.setManagedRoutes(object, managed);
  }
}
