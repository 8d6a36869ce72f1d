package dev.ramp.cli.get;

import static dev.ramp.cli.MockCluster.canaryAt;
import static dev.ramp.cli.MockCluster.healthy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramp.api.CanaryStep;
import dev.ramp.api.Rollout;
import dev.ramp.cli.Cli;
import dev.ramp.cli.MockCluster;
import dev.ramp.cli.MockClusterTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ListRolloutsCommandTest extends MockClusterTest {
  @BeforeAll
  static void createRollouts() {
    cluster.createRollout("checkout", 5, CanaryStep.weight(20), CanaryStep.pause(null));
    cluster.setStatus("checkout", canaryAt("Progressing", 0, 20)
        .andThen(status -> status.availableReplicas = 6));
    cluster.createRollout("cart", 3, CanaryStep.weight(50));
    cluster.setStatus("cart", healthy("abc").andThen(status -> {
      status.currentStepIndex = 1;
      status.availableReplicas = 3;
    }));
    Rollout other = MockCluster.rollout("search", 2, CanaryStep.weight(50));
    other.getMetadata().setNamespace("team-a");
    cluster.client.resource(other).create();
  }

  @Test
  void theRolloutsOfTheNamespace() {
    Cli.Result result = cluster.ramp("list", "rollouts");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out().lines().map(line -> line.replaceAll(" +$", "")
            .replaceAll("\\s+\\d+s$", " <age>")))
        .containsExactly(
            "NAME      PHASE        STEP  SET WEIGHT  AVAILABLE  AGE",
            "cart      Healthy      1/1   -           3 <age>",
            "checkout  Progressing  1/2   20          6 <age>");
  }

  @Test
  void theRolloutsOfAllNamespaces() {
    Cli.Result result = cluster.ramp("list", "rollouts", "-A");

    assertThat(result.out().lines().map(line -> line.split("\\s+")[0] + " "
        + line.split("\\s+")[1]))
        .containsExactly("NAMESPACE NAME", "default cart", "default checkout", "team-a search");
    assertThat(result.out()).contains("search    Unknown");
  }

  @Test
  void noRolloutsSaysSoOnStandardError() {
    Cli.Result result = cluster.ramp("list", "rollouts", "-n", "empty");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("No rollouts found in namespace empty.\n");
  }

  @Test
  void asJson() throws Exception {
    JsonNode rows = new ObjectMapper().readTree(cluster.ramp("list", "ro", "-o", "json").out());

    assertThat(rows).hasSize(2);
    assertThat(rows.get(1).path("name").asText()).isEqualTo("checkout");
    assertThat(rows.get(1).path("step").asText()).isEqualTo("1/2");
    assertThat(rows.get(1).path("setWeight").asInt()).isEqualTo(20);
    assertThat(rows.get(0).has("setWeight")).isFalse();
  }
}
