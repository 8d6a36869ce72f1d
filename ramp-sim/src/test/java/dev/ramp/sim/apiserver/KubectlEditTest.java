package dev.ramp.sim.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramp.sim.Kubectl;
import dev.ramp.sim.Program;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kubectl get, scale, patch, set image and delete. */
class KubectlEditTest extends SandboxApiServerTest {
  @Test
  void getShowsRolloutsByEveryNameAndInEveryFormat() throws Exception {
    create(Manifests.rollout("shown"));
    kubectl.run("patch", "ro", "shown", "--subresource=status", "--type=merge", "-p",
        "{\"status\":{\"availableReplicas\":2,\"phase\":\"Healthy\"}}").ok();

    assertThat(rows(kubectl.run("get", "ro").ok()))
        .startsWith("NAME AVAILABLE PHASE").contains("shown 2 Healthy");
    assertThat(rows(kubectl.run("get", "rollouts", "shown").ok()))
        .containsExactly("NAME AVAILABLE PHASE", "shown 2 Healthy");
    assertThat(kubectl.run("get", "rollout.ramp.dev", "shown", "-o", "yaml").ok())
        .contains("kind: Rollout", "name: shown", "setWeight: 20");
    JsonNode json = Json.MAPPER.readTree(kubectl.run("get", "ro", "shown", "-o", "json").ok());
    assertThat(json.path("metadata").path("generation").asInt()).isEqualTo(1);
    assertThat(kubectl.run("get", "ro", "shown", "-o", "jsonpath={.spec.replicas}").ok())
        .isEqualTo("3");
  }

  @Test
  void getShowsColumnsForBuiltInKinds() {
    create(Manifests.replicaSet("listed"));
    kubectl.run("patch", "rs", "listed", "--subresource=status", "--type=merge", "-p",
        "{\"status\":{\"replicas\":1,\"readyReplicas\":1}}").ok();
    server.client().pods().resource(new PodBuilder().withNewMetadata().withName("listed")
        .endMetadata().build()).create();
    server.client().pods().withName("listed").editStatus(pod -> new PodBuilder(pod)
        .withNewStatus().withPhase("Running").withPodIP("10.0.0.7").endStatus().build());

    List<String> replicaSets = rows(kubectl.run("get", "rs", "listed").ok());
    assertThat(replicaSets).hasSize(2);
    assertThat(replicaSets.get(0)).isEqualTo("NAME DESIRED CURRENT READY AGE");
    assertThat(replicaSets.get(1)).matches("listed 1 1 1 \\d+s");
    assertThat(rows(kubectl.run("get", "pods", "-o", "wide").ok()))
        .contains("NAME STATUS IP AGE")
        .anyMatch(row -> row.matches("listed Running 10\\.0\\.0\\.7 \\d+s"));
  }

  @Test
  void scalesDeploymentsReplicaSetsAndRollouts() {
    create(Manifests.deployment("scaled"));
    create(Manifests.replicaSet("scaled"));
    create(Manifests.rollout("scaled"));

    assertThat(kubectl.run("scale", "deploy/scaled", "--replicas=5").ok())
        .isEqualTo("deployment.apps/scaled scaled\n");
    assertThat(kubectl.run("scale", "rs/scaled", "--replicas=0").ok())
        .isEqualTo("replicaset.apps/scaled scaled\n");
    assertThat(kubectl.run("scale", "ro/scaled", "--replicas=7").ok())
        .isEqualTo("rollout.ramp.dev/scaled scaled\n");

    assertThat(jsonpath("deploy", "scaled", "{.spec.replicas}")).isEqualTo("5");
    assertThat(jsonpath("rs", "scaled", "{.spec.replicas}")).isEqualTo("0");
    assertThat(jsonpath("ro", "scaled", "{.spec.replicas}")).isEqualTo("7");
  }

  @Test
  void scaleSubresourceReportsReplicasAndSelector() throws Exception {
    create(Manifests.deployment("measured"));
    create(Manifests.rollout("measured"));
    kubectl.run("patch", "ro", "measured", "--subresource=status", "--type=merge", "-p",
        "{\"status\":{\"replicas\":2,\"selector\":\"app=checkout\"}}").ok();

    JsonNode deployment = Json.MAPPER.readTree(kubectl.run("get", "--raw",
        "/apis/apps/v1/namespaces/default/deployments/measured/scale").ok());
    assertThat(deployment.path("kind").asText()).isEqualTo("Scale");
    assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
    assertThat(deployment.path("status").path("selector").asText()).isEqualTo("app=measured");

    JsonNode rollout = Json.MAPPER.readTree(kubectl.run("get", "--raw",
        "/apis/ramp.dev/v1alpha1/namespaces/default/rollouts/measured/scale").ok());
    assertThat(rollout.path("spec").path("replicas").asInt()).isEqualTo(3);
    assertThat(rollout.path("status").toString())
        .isEqualTo("{\"replicas\":2,\"selector\":\"app=checkout\"}");
  }

  @Test
  void scalingBelowZeroIsRefused() {
    create(Manifests.rollout("floor"));

    // kubectl scale refuses this itself, kubectl patch leaves it to the server
    Program.Result result = kubectl.run("patch", "ro", "floor", "--subresource=scale",
        "--type=merge", "-p", "{\"spec\":{\"replicas\":-1}}");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("The Scale \"floor\" is invalid: "
        + "spec.replicas: Invalid value: -1: must be greater than or equal to 0");
    assertThat(jsonpath("ro", "floor", "{.spec.replicas}")).isEqualTo("3");
  }

  @Test
  void mergePatchSetsAndRemovesFieldsAndReplacesLists() {
    create(Manifests.rollout("merged"));

    kubectl.run("patch", "ro", "merged", "--type=merge", "-p",
        "{\"metadata\":{\"annotations\":{\"a\":\"1\",\"b\":\"2\"}}}").ok();
    kubectl.run("patch", "ro", "merged", "--type=merge", "-p",
        "{\"metadata\":{\"annotations\":{\"a\":null}},"
            + "\"spec\":{\"strategy\":{\"canary\":{\"steps\":[{\"setWeight\":40}]}}}}").ok();

    assertThat(jsonpath("ro", "merged", "{.metadata.annotations}")).isEqualTo("{\"b\":\"2\"}");
    assertThat(jsonpath("ro", "merged", "{.spec.strategy.canary.steps}"))
        .isEqualTo("[{\"setWeight\":40}]");
  }

  @Test
  void statusPatchChangesOnlyTheStatusAndObjectPatchOnlyTheRest() {
    create(Manifests.rollout("phased"));

    kubectl.run("patch", "ro", "phased", "--subresource=status", "--type=merge", "-p",
        "{\"spec\":{\"replicas\":9},\"status\":{\"phase\":\"Paused\"}}").ok();
    kubectl.run("patch", "ro", "phased", "--type=merge", "-p",
        "{\"spec\":{\"paused\":true},\"status\":{\"phase\":\"Healthy\"}}").ok();

    assertThat(jsonpath("ro", "phased",
        "{.spec.replicas} {.spec.paused} {.status.phase} {.metadata.generation}"))
        .isEqualTo("3 true Paused 2");
  }

  @Test
  void jsonPatchAppliesItsOperations() {
    create(Manifests.rollout("operated"));

    kubectl.run("patch", "ro", "operated", "--type=json", "-p",
        "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":6},"
            + "{\"op\":\"remove\",\"path\":\"/spec/strategy/canary/steps/1\"}]").ok();

    assertThat(jsonpath("ro", "operated", "{.spec.replicas} {.spec.strategy.canary.steps}"))
        .isEqualTo("6 [{\"setWeight\":20}]");
  }

  @Test
  void jsonPatchThatCannotApplyIsRefused() {
    create(Manifests.rollout("untouched"));

    Program.Result result = kubectl.run("patch", "ro", "untouched", "--type=json", "-p",
        "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":4},"
            + "{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":6}]");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("the JSON patch cannot be applied");
    assertThat(jsonpath("ro", "untouched", "{.spec.replicas}")).isEqualTo("3");
  }

  @Test
  void strategicMergePatchOfARolloutIsRefusedAsOnARealCluster() {
    create(Manifests.rollout("strategic"));

    Program.Result result = kubectl.run("patch", "ro", "strategic", "-p",
        "{\"spec\":{\"paused\":true}}");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("use --type=merge or --type=json");
  }

  @Test
  void setImageChangesOnlyThatContainer() {
    create(Manifests.deployment("imaged"));

    assertThat(kubectl.run("set", "image", "deployment/imaged", "app=web:v2").ok())
        .isEqualTo("deployment.apps/imaged image updated\n");

    assertThat(jsonpath("deploy", "imaged",
        "{range .spec.template.spec.containers[*]}{.name}={.image} {end}"))
        .isEqualTo("app=web:v2 sidecar=proxy:v1 ");
    assertThat(jsonpath("deploy", "imaged", "{.spec.template.spec.containers[0].env[1].name}"))
        .isEqualTo("B");
  }

  @Test
  void deleteRemovesTheObject() {
    create(Manifests.rollout("deleted"));

    assertThat(kubectl.run("delete", "ro", "deleted").ok())
        .isEqualTo("rollout.ramp.dev \"deleted\" deleted\n");

    Program.Result result = kubectl.run("get", "ro", "deleted");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo("Error from server (NotFound): rollouts.ramp.dev \"deleted\" not found\n");
  }

  private static void create(String manifest) {
    kubectl.runWithInput(manifest, "create", "-f", "-").ok();
  }

  /** The lines of kubectl's table output, with single spaces between the columns. */
  private static List<String> rows(String table) {
    return table.lines().map(line -> line.trim().replaceAll("\\s+", " ")).toList();
  }

  private static String jsonpath(String kind, String name, String template) {
    return kubectl.run("get", kind, name, "-o", "jsonpath=" + template).ok();
  }
}
