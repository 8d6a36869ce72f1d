package dev.ramp.cli.status;

import static dev.ramp.cli.MockCluster.canaryAt;
import static dev.ramp.cli.MockCluster.healthy;
import static dev.ramp.cli.MockCluster.pausedAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramp.api.CanaryStep;
import dev.ramp.api.Rollout;
import dev.ramp.cli.Cli;
import dev.ramp.cli.MockCluster;
import dev.ramp.cli.MockClusterTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code status}: its exit codes are what pipelines act on. */
class StatusCommandTest extends MockClusterTest {
  private static Rollout rollout(String name) {
    return cluster.createRollout(name, 5, CanaryStep.weight(20), CanaryStep.pause(null));
  }

  @Test
  void healthyAndFullyPromotedIsZero() {
    rollout("done");
    cluster.setStatus("done", healthy("abc").andThen(s -> s.currentStepIndex = 2));

    Cli.Result result = cluster.ramp("status", "done");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Healthy (step 2/2): Healthy: revision abc\n");
  }

  @Test
  void degradedOrAbortedIsOne() {
    rollout("stuck");
    cluster.setStatus("stuck", canaryAt("Degraded", 0, 0)
        .andThen(s -> s.message = "Progress deadline exceeded: canary has 0/1 pods available"));
    rollout("undone");
    cluster.setStatus("undone", canaryAt("Aborted", 1, 0).andThen(s -> s.abort = true));

    Cli.Result degraded = cluster.ramp("status", "stuck");
    Cli.Result aborted = cluster.ramp("status", "undone");

    assertThat(degraded.exitCode()).isEqualTo(1);
    assertThat(degraded.out()).isEqualTo("Degraded (step 1/2): Progress deadline exceeded:"
        + " canary has 0/1 pods available\n");
    assertThat(aborted.exitCode()).isEqualTo(1);
  }

  @Test
  void progressingOrPausedIsTwo() {
    rollout("moving");
    cluster.setStatus("moving", canaryAt("Progressing", 0, 0));
    rollout("waiting");
    cluster.setStatus("waiting", pausedAt(1, 20));

    assertThat(cluster.ramp("status", "moving").exitCode()).isEqualTo(2);
    Cli.Result paused = cluster.ramp("status", "waiting");
    assertThat(paused.exitCode()).isEqualTo(2);
    assertThat(paused.out()).isEqualTo("Paused (step 2/2): Paused at step 2: promote to"
        + " continue\n");
  }

  @Test
  void aStatusOfAnEarlierSpecIsNotAnOutcome() {
    Rollout rollout = rollout("changed");
    cluster.setStatus("changed", canaryAt("Aborted", 1, 0).andThen(s -> s.abort = true));
    rollout = cluster.rollout("changed");
    rollout.getSpec().template.getSpec().getContainers().get(0).setImage("changed:v3");
    cluster.client.resource(rollout).update();

    Cli.Result result = cluster.ramp("status", "changed");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEqualTo("Waiting for Ramp's controller to observe generation 2"
        + " (the status is of generation 1)\n");
  }

  @Test
  void watchingPrintsEachChangeUntilTheRolloutIsHealthy() throws Exception {
    rollout("finishing");
    cluster.setStatus("finishing", pausedAt(1, 20));

    try (Cli.Running watch = cluster.rampInBackground("status", "finishing", "--watch",
        "--timeout", "30s")) {
      await().until(() -> watch.out().contains("Paused"));
      cluster.setStatus("finishing", canaryAt("Progressing", 2, 100)
          .andThen(s -> s.message = "Promoting revision canary2"));
      await().until(() -> watch.out().contains("Progressing"));
      cluster.setStatus("finishing", healthy("canary2").andThen(s -> s.message = "Healthy"));

      assertThat(watch.awaitExit(Duration.ofSeconds(10))).isZero();
      assertThat(watch.out()).isEqualTo("""
          Paused (step 2/2): Paused at step 2: promote to continue
          Progressing (step 2/2): Promoting revision canary2
          Healthy (step 2/2): Healthy
          """);
    }
  }

  @Test
  void watchingEndsWithTwoWhenTheTimeoutPasses() {
    rollout("slow");
    cluster.setStatus("slow", pausedAt(1, 20));

    Cli.Result result = cluster.ramp("status", "slow", "--watch", "--timeout", "1s");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEqualTo("Paused (step 2/2): Paused at step 2: promote to"
        + " continue\n");
    assertThat(result.err()).isEqualTo("timed out after 1s: rollout \"slow\" is Paused\n");
  }

  @Test
  void watchingEndsWithOneWhenTheRolloutFails() {
    rollout("broken");
    cluster.setStatus("broken", canaryAt("Aborted", 1, 0).andThen(s -> s.abort = true));

    assertThat(cluster.ramp("status", "broken", "--watch").exitCode()).isEqualTo(1);
  }

  @Test
  void errorsAreThreeNotAnOutcome() {
    Cli.Result missing = cluster.ramp("status", "ghost");
    Cli.Result badTimeout = cluster.ramp("status", "ghost", "--watch", "--timeout", "soon");

    assertThat(missing.exitCode()).isEqualTo(3);
    assertThat(missing.err())
        .isEqualTo("error: rollout \"ghost\" not found in namespace \"default\"\n");
    assertThat(badTimeout.exitCode()).isEqualTo(3);
    assertThat(badTimeout.err()).contains("\"soon\" is not a duration");
  }

  @Test
  void asJson() throws Exception {
    rollout("machine");
    cluster.setStatus("machine", pausedAt(1, 20));

    JsonNode status = new ObjectMapper().readTree(
        cluster.ramp("status", "machine", "-o", "json").out());

    assertThat(status.path("phase").asText()).isEqualTo("Paused");
    assertThat(status.path("step").asText()).isEqualTo("2/2");
    assertThat(status.path("outcome").asText()).isEqualTo("InProgress");
  }
}
