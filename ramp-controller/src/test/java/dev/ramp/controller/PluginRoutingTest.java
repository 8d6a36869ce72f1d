package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.PluginRouting;
import dev.ramp.api.routing.TrafficRouting;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A router plugin written in Python, driven over HTTP by the controller: the weight and routes it
 * shows are what Ramp verifies, a token it refuses and a plugin that is down are clear problems.
 */
class PluginRoutingTest extends ClusterTest {
  private static final String TOKEN = "s3cret-token";

  private PythonRouterPlugin plugin;

  @BeforeAll
  void startPlugin() {
    plugin = PythonRouterPlugin.start(TOKEN);
    cluster.client.secrets().inNamespace(Cluster.NS).resource(new SecretBuilder()
        .withNewMetadata().withName("plugin-token").endMetadata()
        .addToData("token", base64(TOKEN)).addToData("wrong", base64("not-the-token")).build())
        .create();
  }

  @AfterAll
  void stopPlugin() {
    if (plugin != null) {
      plugin.close();
    }
  }

  private TrafficRouting through(PythonRouterPlugin plugin, String tokenKey) {
    TrafficRouting routing = new TrafficRouting();
    routing.plugin = new PluginRouting();
    routing.plugin.url = plugin.url();
    routing.plugin.tokenSecretRef = new SecretKeySelector(tokenKey, "plugin-token", null);
    routing.plugin.config = Map.of("gateway", "shop", "unknownToRamp", Map.of("kept", true));
    return routing;
  }

  @Test
  void aStepWaitsUntilThePluginShowsItsWeightThenHeaderRoutesAndPromotion() {
    cluster.create(Routes.routed(cluster, "pl", through(plugin, "token"), weight(20),
        Routes.header("beta", "x-beta", "1"), pause(null)));
    cluster.awaitPhase("pl", "Healthy");

    plugin.freeze();
    cluster.setImage("pl", "demo:v2");
    Awaitility.await().atMost(Cluster.TIMEOUT)
        .until(() -> plugin.lastApply("pl").path("canaryWeight").asInt() == 20);
    assertThat(plugin.inEffect("pl").path("canaryWeight").asInt()).isZero();
    assertThat(cluster.rollout("pl").getStatus().currentStepIndex).isZero();

    plugin.unfreeze();
    Rollout paused = cluster.awaitStep("pl", 2, "Paused");
    assertThat(paused.getStatus().canary.weight).isEqualTo(20);
    JsonNode inEffect = plugin.inEffect("pl");
    assertThat(inEffect.path("canaryWeight").asInt()).isEqualTo(20);
    assertThat(inEffect.path("headerRoutes").toString()).isEqualTo("[{\"name\":\"beta\","
        + "\"match\":[{\"headerName\":\"x-beta\",\"headerValue\":{\"exact\":\"1\"}}]}]");

    cluster.patchStatus("pl", "{\"status\":{\"pauseConditions\":null}}");
    cluster.await("pl", "promoted, all on stable", r -> "Healthy".equals(r.getStatus().phase)
        && plugin.inEffect("pl").path("canaryWeight").asInt(-1) == 0
        && plugin.inEffect("pl").path("headerRoutes").isEmpty());
  }

  @Test
  void abortSendsEveryoneBackToStable() {
    cluster.create(Routes.routed(cluster, "pla", through(plugin, "token"), weight(30),
        pause(null)));
    cluster.awaitPhase("pla", "Healthy");
    cluster.setImage("pla", "demo:v2");
    cluster.awaitStep("pla", 1, "Paused");
    assertThat(plugin.inEffect("pla").path("canaryWeight").asInt()).isEqualTo(30);

    cluster.patchStatus("pla", "{\"status\":{\"abort\":true}}");
    cluster.await("pla", "aborted, weight 0", r -> "Aborted".equals(r.getStatus().phase)
        && plugin.inEffect("pla").path("canaryWeight").asInt(-1) == 0);
  }

  @Test
  void aMirrorStepThePluginCannotDoIsRefusedNamingIt() {
    cluster.create(Routes.routed(cluster, "plm", through(plugin, "token"), weight(10),
        Routes.mirror("shadow", 10), pause(null)));
    cluster.awaitPhase("plm", "Healthy");
    cluster.setImage("plm", "demo:v2");

    String refusal = "router plugin " + plugin.url() + " cannot mirror traffic (setMirrorRoute)";
    cluster.await("plm", "mirror refused", r -> r.getStatus().message != null
        && r.getStatus().message.contains(refusal));
    assertInvalidSpecEvent("plm", refusal);
    assertThat(plugin.lastApply("plm").path("mirrorRoutes").isEmpty()).isTrue();
  }

  @Test
  void aWrongTokenIsAnInvalidSpecNamingTheSecretUntilTheSpecNamesTheRightKey() {
    cluster.create(Routes.routed(cluster, "plt", through(plugin, "wrong"), weight(10)));

    String refusal = "router plugin " + plugin.url() + "/v1/read refused the token from Secret"
        + " \"plugin-token\" (key \"wrong\"): HTTP 401: wrong or missing bearer token";
    assertThat(cluster.awaitPhase("plt", "Degraded").getStatus().message).contains(refusal);
    assertInvalidSpecEvent("plt", refusal);

    cluster.patch("plt", "{\"spec\":{\"strategy\":{\"canary\":{\"trafficRouting\":{\"plugin\":"
        + "{\"tokenSecretRef\":{\"key\":\"token\"}}}}}}}");
    cluster.awaitPhase("plt", "Healthy");
  }

  @Test
  void aPluginThatIsDownIsAClearProblemAndTheRolloutGoesOnOnceItIsBack() {
    try (PythonRouterPlugin down = PythonRouterPlugin.start(TOKEN)) {
      down.stop();
      cluster.create(Routes.routed(cluster, "pld", through(down, "token"), weight(10),
          pause(null)));

      String unreachable = "router plugin " + down.url() + "/v1/read cannot be reached";
      assertThat(cluster.awaitPhase("pld", "Degraded").getStatus().message)
          .contains(unreachable);
      assertInvalidSpecEvent("pld", unreachable);

      down.restart();
      cluster.awaitPhase("pld", "Healthy");
      cluster.setImage("pld", "demo:v2");
      cluster.awaitStep("pld", 1, "Paused");
      assertThat(down.inEffect("pld").path("canaryWeight").asInt()).isEqualTo(10);
    }
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private void assertInvalidSpecEvent(String rollout, String message) {
    cluster.eventually(() -> assertThat(cluster.events(rollout)).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo("InvalidSpec");
      assertThat(e.getMessage()).contains(message);
    }));
  }
}
