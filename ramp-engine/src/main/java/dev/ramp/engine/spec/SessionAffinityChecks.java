package dev.ramp.engine.spec;

import dev.ramp.api.routing.RouterCapabilities;
import dev.ramp.api.routing.SessionAffinity;
import dev.ramp.api.routing.TrafficRouting;
import java.util.List;

/**
 * Checks of {@code sessionAffinity}: a cookie name a browser sends back, and routers that can all
 * set the cookie and route by it (the CRD checks the name too, where the API server runs CEL).
 */
final class SessionAffinityChecks {
  private static final String AT = "spec.strategy.canary.sessionAffinity";

  private SessionAffinityChecks() {}

  static void check(SessionAffinity affinity, TrafficRouting routing, List<String> problems) {
    if (affinity == null) {
      return;
    }
    if (affinity.cookieName == null || !affinity.cookieName.matches(SessionAffinity.COOKIE_NAME)) {
      problems.add(AT + ".cookieName must be a cookie name (letters, digits and"
          + " !#$%&'*+-.^_`|~), not " + (affinity.cookieName == null ? "absent"
          : "\"" + affinity.cookieName + "\""));
    }
    if (affinity.maxAge != null && affinity.maxAge < 1) {
      problems.add(AT + ".maxAge must be at least 1 second");
    }
    if (routing == null) {
      problems.add(AT + " needs a traffic router (spec.strategy.canary.trafficRouting) that"
          + " can match cookies");
      return;
    }
    for (RouterCapabilities router : RouterCapabilities.all(routing)) {
      String refusal = router.sessionAffinityRefusal();
      if (refusal != null) {
        problems.add(AT + ": " + refusal);
      }
    }
  }
}
