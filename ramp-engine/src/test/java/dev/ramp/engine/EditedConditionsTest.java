package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.rollout;
import static dev.ramp.engine.Fixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutCondition;
import dev.ramp.api.RolloutStatus;
import dev.ramp.engine.workload.PodTemplates;
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

  @Test
  void anAbortedRolloutKeepsSayingWhyWhateverTheConditionsSay() {
    Rollout rollout = rollout("web", 2, "demo:v2", CanaryStep.weight(50), CanaryStep.pause(null));
    String updated = PodTemplates.hash(rollout.getSpec().template);
    List<ReplicaSetView> replicaSets = List.of(
        new ReplicaSetView("web-stable", "stable", 1, 1, 1, 1, 1, null, template("web", "demo:v1")),
        new ReplicaSetView("web-" + updated, updated, 2, 1, 1, 1, 1, null,
            rollout.getSpec().template));
    rollout.setStatus(new RolloutStatus());
    rollout.getStatus().phase = "Paused";
    rollout.getStatus().stableRevision = "stable";
    rollout.getStatus().updatedRevision = updated;
    rollout.getStatus().currentStepIndex = 1;
    rollout.getStatus().abort = true;
    Plan aborted = RolloutEngine.decide(snapshot(rollout, replicaSets), NOW);
    String why = "Rollout aborted: aborted on request at step 2/2 (pause until promoted). All"
        + " traffic and replicas are back on stable revision stable";
    assertThat(aborted.status().phase).isEqualTo("Aborted");
    assertThat(aborted.status().message).isEqualTo(why);

    rollout.setStatus(aborted.status());
    rollout.getStatus().conditions.forEach(c -> c.message = "edited");
    Plan next = RolloutEngine.decide(snapshot(rollout, replicaSets), NOW.plusSeconds(5));

    assertThat(next.status().phase).isEqualTo("Aborted");
    assertThat(next.status().message).isEqualTo(why);
    assertThat(condition(next, RolloutCondition.PROGRESSING).message).isEqualTo(why);
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
