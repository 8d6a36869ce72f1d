package dev.ramp.sim.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's users and their cookies: with a session affinity in the router's objects, a user
 * the canary served stays on it for every later request while the weight is below 100; without
 * it, users flip between the versions.
 */
class SimulatedUsersTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final SimulatedUsers.Affinity AFFINITY =
      new SimulatedUsers.Affinity("v2", Duration.ofHours(1));

  @Test
  void withAffinityAUserTheCanaryServedStaysOnItAtEveryWeightBelow100() {
    Map<Integer, List<String>> visits = visits(AFFINITY, START, 20, 50, 90);

    List<Integer> reachedCanary = visits.entrySet().stream()
        .filter(user -> user.getValue().contains("canary")).map(Map.Entry::getKey).toList();
    assertThat(reachedCanary).as("users the canary served").hasSizeGreaterThan(50);
    for (int user : reachedCanary) {
      List<String> seen = visits.get(user);
      assertThat(seen.subList(seen.indexOf("canary"), seen.size())).as("user " + user)
          .containsOnly("canary");
    }
  }

  @Test
  void withoutAffinityUsersFlipBetweenTheVersions() {
    Map<Integer, List<String>> visits = visits(null, START, 20, 50, 90);

    long flipped = visits.values().stream().filter(seen -> seen.contains("canary")
        && seen.subList(seen.indexOf("canary"), seen.size()).contains("stable")).count();
    assertThat(flipped).as("users sent back to stable after the canary served them")
        .isGreaterThan(50);
  }

  @Test
  void aUserWhoseCookieExpiredGoesWhereTheWeightsSendThem() {
    SimulatedUsers users = new SimulatedUsers(1);
    Random random = new Random(3);
    assertThat(users.request(random, START, "canary", AFFINITY, () -> "canary").backend())
        .isEqualTo("canary");
    Instant before = START.plus(AFFINITY.maxAge()).minusSeconds(1);
    assertThat(users.request(random, before, "canary", AFFINITY, () -> "stable").backend())
        .as("cookie still valid").isEqualTo("canary");
    assertThat(users.request(random, START.plus(AFFINITY.maxAge()), "canary", AFFINITY,
        () -> "stable").backend()).as("cookie expired").isEqualTo("stable");
  }

  @Test
  void aCookieOfAnotherCanaryOrWithoutTheAffinityInPlaceCountsForNothing() {
    SimulatedUsers users = new SimulatedUsers(1);
    Random random = new Random(4);
    users.request(random, START, "canary", AFFINITY, () -> "canary");

    assertThat(users.request(random, START, "canary", null, () -> "stable").backend())
        .as("the router no longer carries the affinity").isEqualTo("stable");
    assertThat(users.request(random, START, "canary",
        new SimulatedUsers.Affinity("v3", Duration.ofHours(1)), () -> "stable").backend())
        .as("the cookie of an earlier canary").isEqualTo("stable");
  }

  /** Each user's visits, in order, at each weight in turn (1000 requests each, 100 users). */
  private static Map<Integer, List<String>> visits(SimulatedUsers.Affinity affinity,
      Instant now, int... weights) {
    SimulatedUsers users = new SimulatedUsers(100);
    Random random = new Random(42);
    Map<Integer, List<String>> visits = new HashMap<>();
    for (int weight : weights) {
      for (int i = 0; i < 1000; i++) {
        SimulatedUsers.Visit<String> visit = users.request(random, now, "canary", affinity,
            () -> random.nextInt(100) < weight ? "canary" : "stable");
        visits.computeIfAbsent(visit.user(), user -> new ArrayList<>()).add(visit.backend());
      }
    }
    return visits;
  }
}
