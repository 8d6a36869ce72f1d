package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutCondition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A ReplicaSet the API server refused stays refused for its template, as the status says. */
class RefusedRevisionTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final String REFUSAL =
      "ReplicaSet.apps \"web-x\" is invalid: spec.template.spec.containers[0].image: Required value";

  @Test
  void theRefusalIsKeptInTheStatusAndStandsWhateverTheConditionsSay() {
    Rollout rollout = rollout("web", 2, "demo:v1");
    Plan refused = RolloutEngine.decide(snapshot(rollout).withRefusal(REFUSAL), NOW);
    String revision = refused.status().refusedRevision;
    assertThat(revision).isNotNull();
    assertThat(refused.status().refusal).isEqualTo(REFUSAL);

    // The conditions are for people: one edited, or trimmed by a tool, changes nothing.
    rollout.setStatus(refused.status());
    rollout.getStatus().conditions.forEach(c -> c.message = "edited");
    Plan next = RolloutEngine.decide(snapshot(rollout), NOW.plusSeconds(5));

    assertThat(next.actions()).noneMatch(a -> a instanceof Action.CreateReplicaSet);
    assertThat(next.status().phase).isEqualTo("Degraded");
    assertThat(next.status().refusedRevision).isEqualTo(revision);
    assertThat(invalidSpec(next)).isEqualTo("the API server refused the ReplicaSet of revision "
        + revision + ": " + REFUSAL);
  }

  @Test
  void aNewTemplateIsTriedAgain() {
    Rollout rollout = rollout("web", 2, "demo:v1");
    rollout.setStatus(RolloutEngine.decide(snapshot(rollout).withRefusal(REFUSAL), NOW).status());

    rollout.getSpec().template.getSpec().getContainers().get(0).setImage("demo:v1-fixed");
    Plan next = RolloutEngine.decide(snapshot(rollout), NOW.plusSeconds(5));

    assertThat(next.actions()).anyMatch(a -> a instanceof Action.CreateReplicaSet);
    assertThat(next.status().refusedRevision).isNull();
    assertThat(next.status().refusal).isNull();
  }

  private static Snapshot snapshot(Rollout rollout) {
    return new Snapshot(rollout, List.of(), Map.of(), null, List.of(), List.of(),
        Map.of(), null, null, null);
  }

  private static String invalidSpec(Plan plan) {
    return plan.status().conditions.stream()
        .filter(c -> RolloutCondition.INVALID_SPEC.equals(c.type)).map(c -> c.message)
        .findFirst().orElse(null);
  }
}
