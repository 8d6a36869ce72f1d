package dev.ramp.sim.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The users of one rollout, each keeping the cookies the site sets as a browser does: a request
 * comes from one of them. While the router's objects carry a session affinity, a user holding
 * its unexpired cookie goes to the canary; anyone else goes where the weights send them, and a
 * user they send to the canary gets the cookie.
 */
final class SimulatedUsers {
  /** A session affinity the router's objects carry: the cookie's value and its lifetime. */
  record Affinity(String cookie, Duration maxAge) {}

  /** A request: who sent it and where it went. */
  record Visit<B>(int user, B backend) {}

  private record Cookie(String value, Instant expires) {}

  private final int count;
  private final Map<Integer, Cookie> cookies = new HashMap<>();

  SimulatedUsers(int count) {
    this.count = count;
  }

  /**
   * Where the next request goes.
   *
   * @param canary the canary's backend, or null when it has none
   * @param affinity the affinity the router's objects carry now, or null
   * @param byWeight where the weights send a request
   */
  <B> Visit<B> request(Random random, Instant now, B canary, Affinity affinity,
      Supplier<B> byWeight) {
    int user = random.nextInt(count);
    Cookie cookie = cookies.get(user);
    if (cookie != null && !now.isBefore(cookie.expires())) {
      cookies.remove(user);
      cookie = null;
    }
    if (canary != null && affinity != null && cookie != null
        && cookie.value().equals(affinity.cookie())) {
      return new Visit<>(user, canary);
    }
    B backend = byWeight.get();
    if (affinity != null && backend != null && backend.equals(canary)) {
      cookies.put(user, new Cookie(affinity.cookie(), now.plus(affinity.maxAge())));
    }
    return new Visit<>(user, backend);
  }
}
