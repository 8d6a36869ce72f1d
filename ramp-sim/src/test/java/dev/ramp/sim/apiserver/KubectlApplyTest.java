package dev.ramp.sim.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramp.sim.Kubectl;
import dev.ramp.sim.Program;
import org.junit.jupiter.api.Test;

/** {@code kubectl apply} with its default (strict, server-side) validation. */
class KubectlApplyTest extends SandboxApiServerTest {
  @Test
  void createsThenPatchesARolloutReplacingItsSteps() throws Exception {
    assertThat(kubectl.runWithInput(Manifests.rollout("checkout"), "apply", "-f", "-").ok())
        .isEqualTo("rollout.ramp.dev/checkout created\n");

    String changed = Manifests.rollout("checkout").replace("replicas: 3", "replicas: 5")
        .replace("[{setWeight: 20}, {pause: {}}]", "[{setWeight: 50}]");
    assertThat(kubectl.runWithInput(changed, "apply", "-f", "-").ok())
        .isEqualTo("rollout.ramp.dev/checkout configured\n");

    JsonNode spec = get("rollout", "checkout").path("spec");
    assertThat(spec.path("replicas").asInt()).isEqualTo(5);
    assertThat(spec.path("strategy").path("canary").path("steps").toString())
        .isEqualTo("[{\"setWeight\":50}]");
  }

  @Test
  void createsThenPatchesADeploymentMergingContainersByName() throws Exception {
    kubectl.runWithInput(Manifests.deployment("web"), "apply", "-f", "-").ok();

    String changed = Manifests.deployment("web").replace("replicas: 2", "replicas: 4")
        .replace("image: web:v1", "image: web:v2").replace(", {name: B, value: \"2\"}", "");
    assertThat(kubectl.runWithInput(changed, "apply", "-f", "-").ok())
        .isEqualTo("deployment.apps/web configured\n");

    JsonNode deployment = get("deployment", "web");
    assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(4);
    assertThat(deployment.path("spec").path("template").path("spec").path("containers")
        .toString()).isEqualTo("[{\"env\":[{\"name\":\"A\",\"value\":\"1\"}],"
            + "\"image\":\"web:v2\",\"name\":\"app\"},"
            + "{\"image\":\"proxy:v1\",\"name\":\"sidecar\"}]");
  }

  @Test
  void createsThenPatchesAServiceRemovingAPort() throws Exception {
    kubectl.runWithInput(Manifests.service("web"), "apply", "-f", "-").ok();

    String changed = Manifests.service("web").replace(", {name: admin, port: 9000}", "")
        .replace("targetPort: 8080", "targetPort: 8081");
    assertThat(kubectl.runWithInput(changed, "apply", "-f", "-").ok())
        .isEqualTo("service/web configured\n");

    assertThat(get("service", "web").path("spec").path("ports").toString())
        .isEqualTo("[{\"name\":\"http\",\"port\":80,\"targetPort\":8081}]");
  }

  @Test
  void refusesARolloutThatBreaksItsSchema() {
    String tooHeavy = Manifests.rollout("too-heavy").replace("setWeight: 20", "setWeight: 120");

    Program.Result result = kubectl.runWithInput(tooHeavy, "apply", "-f", "-");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("The Rollout \"too-heavy\" is invalid: "
        + "spec.strategy.canary: Invalid value: object: setWeight must be at most 100, or"
        + " trafficRouting.maxTrafficWeight when set");
    assertThat(kubectl.run("get", "rollout", "too-heavy").err())
        .contains("rollouts.ramp.dev \"too-heavy\" not found");
  }

  @Test
  void refusesUnknownFieldsUnlessValidationIsOff() {
    String unknownField = Manifests.rollout("typo").replace("{setWeight: 20}",
        "{setWeight: 20, setWieght: 30}");

    Program.Result strict = kubectl.runWithInput(unknownField, "apply", "-f", "-");
    assertThat(strict.exitCode()).isEqualTo(1);
    assertThat(strict.err()).contains("The Rollout \"typo\" is invalid: "
        + "spec.strategy.canary.steps[0].setWieght: "
        + "Unsupported value: unknown field \"setWieght\"");

    assertThat(kubectl.runWithInput(unknownField, "apply", "--validate=false", "-f", "-").ok())
        .isEqualTo("rollout.ramp.dev/typo created\n");
  }

  @Test
  void refusesAnUpdateThatBreaksTheSchemaAndKeepsTheStoredRollout() throws Exception {
    kubectl.runWithInput(Manifests.rollout("steady"), "apply", "-f", "-").ok();

    String negative = Manifests.rollout("steady").replace("replicas: 3", "replicas: -1");
    Program.Result result = kubectl.runWithInput(negative, "apply", "-f", "-");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("spec.replicas: Invalid value: -1: "
        + "should be greater than or equal to 0");
    assertThat(get("rollout", "steady").path("spec").path("replicas").asInt()).isEqualTo(3);
  }

  @Test
  void serverDryRunStoresNothing() {
    assertThat(kubectl.runWithInput(Manifests.rollout("dry"), "apply", "--dry-run=server",
        "-f", "-").ok()).isEqualTo("rollout.ramp.dev/dry created (server dry run)\n");

    assertThat(kubectl.run("get", "rollout", "dry").exitCode()).isEqualTo(1);
  }

  @Test
  void serverSideApplyIsRefusedWithAnExplanation() {
    Program.Result result = kubectl.runWithInput(Manifests.rollout("ssa"), "apply",
        "--server-side", "-f", "-");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("server-side apply");
  }

  private static JsonNode get(String kind, String name) throws Exception {
    return Json.MAPPER.readTree(kubectl.run("get", kind, name, "-o", "json").ok());
  }
}
