package dev.ramp.sim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The users of {@code healthy-shared-incident}: both versions fail more from the 4th step. */
class SharedIncidentTest {
  private static final TrafficProfile BUSY = new TrafficProfile(20_000, false);

  private static double newErrorRate(Traffic.Second second) {
    return (double) second.newErrors() / second.newRequests();
  }

  private static double stableErrorRate(Traffic.Second second) {
    return (double) second.stableErrors() / second.stableRequests();
  }

  @Test
  void bothVersionsFailFiveTimesAsOftenFromTheFourthChangeOfTheNewVersionsShare() {
    Traffic traffic = new Traffic(Scenario.named("healthy-shared-incident"), BUSY, 1);

    for (double share : new double[] {0.05, 0.05, 0.10, 0.25, 0.25}) {
      Traffic.Second second = traffic.next(share);
      assertThat(newErrorRate(second)).as("at %s", share).isBetween(0.005, 0.015);
      assertThat(stableErrorRate(second)).as("at %s", share).isBetween(0.005, 0.015);
    }
    for (double share : new double[] {0.5, 0.5, 1}) {
      Traffic.Second second = traffic.next(share);
      if (second.newRequests() > 0) {
        assertThat(newErrorRate(second)).as("at %s", share).isBetween(0.04, 0.06);
      }
      if (second.stableRequests() > 0) {
        assertThat(stableErrorRate(second)).as("at %s", share).isBetween(0.04, 0.06);
      }
    }
  }

  @Test
  void theOtherScenariosKeepTheirErrorRates() {
    Traffic traffic = new Traffic(Scenario.named("healthy-at-slo"), BUSY, 1);

    for (double share : new double[] {0.05, 0.10, 0.25, 0.5, 0.75}) {
      Traffic.Second second = traffic.next(share);
      assertThat(newErrorRate(second)).as("at %s", share).isBetween(0.005, 0.015);
      assertThat(stableErrorRate(second)).as("at %s", share).isBetween(0.005, 0.015);
    }
  }
}
