package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutCondition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What Ramp needs from a rollout's last status it reads from the status's fields: the
 * conditions' messages are for people, and one edited, trimmed by a tool or removed changes
 * nothing.
 */
class EditedConditionsTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aFixedSpecIsReportedFixedWhenTheInvalidSpecMessageIsGone() {
    Rollout rollout = rollout("web", 2, "demo:v1");
    rollout.getSpec().replicas = -1;
    Plan invalid = RolloutEngine.decide(snapshot(rollout), NOW);
    assertThat(condition(invalid, RolloutCondition.INVALID_SPEC).status).isEqualTo("True");

    rollout.setStatus(invalid.status());
    rollout.getStatus().conditions.forEach(c -> c.message = null);
    rollout.getSpec().replicas = 2;
    Plan fixed = RolloutEngine.decide(snapshot(rollout), NOW.plusSeconds(5));

    assertThat(fixed.events()).extracting(RolloutEvent::reason).contains("SpecFixed");
    assertThat(condition(fixed, RolloutCondition.INVALID_SPEC)).isNull();
    assertThat(fixed.status().phase).isEqualTo("Progressing");
  }

  private static Snapshot snapshot(Rollout rollout) {
    return snapshot(rollout, List.of());
  }

  private static Snapshot snapshot(Rollout rollout, List<ReplicaSetView> replicaSets) {
    return new Snapshot(rollout, replicaSets, Map.of(), null, List.of(), List.of(),
        Map.of(), null, null, null);
  }

  private static RolloutCondition condition(Plan plan, String type) {
    return plan.status().conditions.stream().filter(c -> type.equals(c.type)).findFirst()
        .orElse(null);
  }
}
