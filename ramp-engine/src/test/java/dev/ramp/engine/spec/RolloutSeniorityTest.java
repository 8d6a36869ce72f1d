package dev.ramp.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutSeniorityTest {
  private static Rollout rollout(String name, String created, String stableRevision) {
    Rollout rollout = new Rollout();
    rollout.setMetadata(new ObjectMetaBuilder().withName(name).withCreationTimestamp(created)
        .build());
    if (stableRevision != null) {
      rollout.setStatus(new RolloutStatus());
      rollout.getStatus().stableRevision = stableRevision;
    }
    return rollout;
  }

  private static List<String> senioritiesOf(Rollout... rollouts) {
    List<Rollout> sorted = new ArrayList<>(List.of(rollouts));
    sorted.sort(RolloutSeniority.ORDER);
    return sorted.stream().map(r -> r.getMetadata().getName()).toList();
  }

  @Test
  void theOlderOfTwoNewRolloutsKeepsItsPods() {
    assertThat(senioritiesOf(rollout("b", "2026-11-26T10:00:01Z", null),
        rollout("a", "2026-11-26T10:00:02Z", null))).containsExactly("b", "a");
  }

  @Test
  void aRunningRolloutKeepsItsPodsAgainstANewcomerOfTheSameSecond() {
    assertThat(senioritiesOf(rollout("newcomer", "2026-11-26T10:00:01Z", null),
        rollout("steady", "2026-11-26T10:00:01Z", "abc123"))).containsExactly("steady", "newcomer");
  }

  @Test
  void twoNewRolloutsOfTheSameSecondAreOrderedByName() {
    assertThat(senioritiesOf(rollout("b", "2026-11-26T10:00:01Z", null),
        rollout("a", "2026-11-26T10:00:01Z", null))).containsExactly("a", "b");
  }
}
