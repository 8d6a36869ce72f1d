package dev.ramp.engine.canary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The canary and stable pods of a canary without a router, rounded as Argo Rollouts does. */
class PodSplitTest {

  @ParameterizedTest(name = "{0} replicas at {1}% with maxSurge {2}: {3} canary + {4} stable")
  @CsvSource({
      "5, 20, 2, 1, 4",
      "5, 60, 2, 3, 2",
      "5, 10, 2, 1, 5",   // 1 of 6 (17%) comes closer to 10% than 1 of 5 (20%)
      "5, 10, 0, 1, 4",   // without surge: 1 of 5
      "10, 10, 1, 1, 9",
      "10, 30, 3, 3, 7",
      "3, 50, 0, 2, 1",   // 1 or 2 of 3 are as far from 50%: the larger canary
      "3, 50, 1, 2, 2",   // with surge, 2 of 4 is 50%
      "4, 100, 1, 4, 0",  // the stable gives up its last pod only at 100%
      "4, 0, 1, 0, 4",
      "1, 5, 1, 1, 1",    // a canary pod next to the stable one, with surge
      "1, 95, 1, 1, 1",
      "1, 40, 0, 0, 1",   // one replica, no surge: the closer of 0 and 1
      "1, 60, 0, 1, 0",
      "2, 75, 0, 1, 1",   // Argo Rollouts gives 0 + 2 here: its options are all ruled out
      "0, 50, 1, 0, 0",
  })
  void splitsThePodsClosestToTheWeight(int replicas, int weight, int maxSurge, int canary,
      int stable) {
    assertThat(PodSplit.of(replicas, weight, maxSurge)).isEqualTo(new PodSplit(canary, stable));
  }
}
