package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.routing.HeaderMatch;
import dev.ramp.api.routing.RouteMatch;
import dev.ramp.api.routing.RouterCapabilities;
import java.util.List;
import java.util.Set;

/**
 * The shape of one family of route tables (Gateway API routes, Istio VirtualServices) for one
 * rollout: where its rules live, how a backend is recognised, how a header match and a mirror
 * are written. {@link RouteTableEditor} does the editing with it.
 */
interface RouteTable {

  RouterCapabilities capabilities();

  /** The list under {@code spec} holding the rules header and mirror routes are added to. */
  String requestRules();

  /**
   * The rules Ramp weighs, request rules first; {@code managed} names the rules Ramp added.
   *
   * @throws RouterProblem naming what is missing when there is none
   */
  List<ObjectNode> weighed(ObjectNode table, Set<String> managed);

  /**
   * The weighed rules among the request rules: all the weighed rules, for tables whose rules
   * are all request rules.
   *
   * @throws RouterProblem naming what is missing when there is none
   */
  default List<ObjectNode> weighedRequestRules(ObjectNode table, Set<String> managed) {
    return weighed(table, managed);
  }

  /**
   * The request rules named in {@code listed} (all when it is null) or added by Ramp that have a
   * backend to the stable version: the weighed rules of a table with one list of rules.
   *
   * @param lacking what the table lacks when there is none, for the message
   * @throws RouterProblem saying so when there is none
   */
  default List<ObjectNode> listedOrManagedToStable(ObjectNode table, List<String> listed,
      Set<String> managed, String lacking) {
    List<ObjectNode> rules = RouteTableEditor.listedOrManaged(
        JsonFields.objects(table.path("spec"), requestRules()), listed, managed,
        rule -> backendsOf(rule).stream().anyMatch(backend -> leadsTo(backend, true)));
    if (rules.isEmpty()) {
      throw new RouterProblem(lacking);
    }
    return rules;
  }

  /** The list in a rule holding its weighted backends. */
  String backends();

  /** A rule's weighted backends, in order; none when it has none. */
  default List<ObjectNode> backendsOf(ObjectNode rule) {
    return JsonFields.objects(rule, backends());
  }

  /** The list of a rule's weighted backends, added empty when absent. */
  default ArrayNode backendList(ObjectNode rule) {
    return JsonFields.list(rule, backends(), JsonFields.named(rule));
  }

  /** Whether a backend of a rule leads to the stable (or the canary) version. */
  boolean leadsTo(JsonNode backend, boolean stable);

  /**
   * The Service a backend of a rule leads to, when it names one plainly; null otherwise, and
   * always for tables that carry no backend beyond the stable and the canary.
   */
  default String serviceOf(JsonNode backend) {
    return null;
  }

  /**
   * A backend to {@code service}, shaped like this one to the stable version: for a backend
   * beyond the stable and the canary (none but Gateway API's carry one).
   */
  default ObjectNode backendLike(ObjectNode stableBackend, String service) {
    throw RouterProblem.extraRefused(capabilities().label);
  }

  /** A backend's weight, as the router reads it when the field is absent too. */
  int weightOf(JsonNode backend);

  /** A backend to the canary, shaped like this one to the stable version. */
  ObjectNode canaryLike(ObjectNode stableBackend);

  /** A new rule named {@code name} matching these headers (all), with no backends yet. */
  default ObjectNode matching(String name, List<HeaderMatch> match) {
    return matchingAny(name, List.of(RouteMatch.ofHeaders(match)));
  }

  /**
   * A new rule named {@code name} matching requests that match one of {@code matches} (each a
   * method, a path and headers), with no backends yet.
   *
   * @throws RouterProblem where this router's rules cannot match so (the spec checks refuse
   *     such a step first)
   */
  default ObjectNode matchingAny(String name, List<RouteMatch> matches) {
    throw new RouterProblem(capabilities().label + " cannot mirror only the requests that match"
        + capabilities().hint);
  }

  /**
   * Gives a rule Ramp adds, with its match and backends, what it must take from the weighed
   * rule it is placed before (nothing here): for tables whose rules need their own paths or
   * hosts to match at all.
   */
  default void inherit(ObjectNode added, ObjectNode weighed) {}

  /**
   * Makes a rule mirror {@code percent}% of its requests to {@code canary} (a backend).
   *
   * @return what removing the mirror must do to the field holding it
   */
  MirrorField addMirror(ObjectNode rule, ObjectNode canary, int percent);

  /** Removes the mirror to the canary {@link #addMirror} added. */
  void removeMirror(ObjectNode rule, MirrorField field);

  /**
   * Makes a backend's responses carry {@code Set-Cookie: value}; tables that cannot refuse
   * (their routers cannot keep session affinity).
   */
  default void addSetCookie(ObjectNode backend, String value) {
    throw new RouterProblem(capabilities().sessionAffinityRefusal());
  }

  /** Whether a backend's responses carry the cookie's Set-Cookie header. */
  default boolean setsCookie(JsonNode backend, SessionCookie cookie) {
    return false;
  }

  /**
   * Removes the cookie's Set-Cookie header {@link #addSetCookie} added, and the fields holding it
   * when nothing else is in them.
   */
  default void removeSetCookie(ObjectNode backend, SessionCookie cookie) {}

  /** What to do with the field holding a rule's mirrors once Ramp's is gone. */
  enum MirrorField {
    /** It was there before Ramp's mirror: keep it. */
    KEEP,
    /** Ramp added it: remove it if nothing else is in it. */
    REMOVE,
    /** It was null: null again if nothing else is in it. */
    NULL
  }
}
