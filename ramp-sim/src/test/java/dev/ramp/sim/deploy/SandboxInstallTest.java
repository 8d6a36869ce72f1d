package dev.ramp.sim.deploy;

import static dev.ramp.sim.deploy.InstallManifests.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.sim.Kubectl;
import dev.ramp.sim.Program;
import dev.ramp.sim.apiserver.SandboxApiServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The install applied with the real kubectl to the sandbox's API server, which starts without
 * Ramp's CRDs: they come from the install, as in a new cluster.
 */
class SandboxInstallTest {
  /**
   * Kinds of the install that the sandbox does not serve (it has no authorization), left out of
   * what is applied; a test below checks that the sandbox still does not serve them.
   */
  private static final Map<String, String> NOT_SERVED = Map.of(
      "ServiceAccount", "serviceaccounts",
      "ClusterRole", "clusterroles.rbac.authorization.k8s.io",
      "ClusterRoleBinding", "clusterrolebindings.rbac.authorization.k8s.io",
      "Role", "roles.rbac.authorization.k8s.io",
      "RoleBinding", "rolebindings.rbac.authorization.k8s.io");
  /** How kubectl names the served kinds in what it prints. */
  private static final Map<String, String> PRINTED = Map.of(
      "Namespace", "namespace",
      "CustomResourceDefinition", "customresourcedefinition.apiextensions.k8s.io",
      "Service", "service",
      "Deployment", "deployment.apps");

  @TempDir
  static Path dir;
  static SandboxApiServer server;
  static Kubectl kubectl;

  @BeforeAll
  static void startServer() {
    server = SandboxApiServer.start(0, List.of());
    kubectl = Kubectl.of(server, dir);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void appliesCleanlyThenHasNothingToChangeAndServesRollouts() {
    Map<String, ObjectNode> rendered = InstallManifests.parse(InstallManifests.kustomize(dir));
    List<ObjectNode> served = rendered.values().stream()
        .filter(o -> !NOT_SERVED.containsKey(o.path("kind").asText())).toList();
    assertThat(served).extracting(o -> o.path("kind").asText())
        .as("kinds this test knows how kubectl prints")
        .allMatch(PRINTED::containsKey);
    // a stream of JSON objects, which kubectl reads like YAML documents
    String manifests = served.stream().map(JsonNode::toString)
        .collect(Collectors.joining("\n"));

    assertThat(kubectl.runWithInput(manifests, "apply", "-f", "-").ok().lines())
        .containsExactlyElementsOf(printed(served, "created"));
    assertThat(kubectl.runWithInput(manifests, "apply", "-f", "-").ok().lines())
        .containsExactlyElementsOf(printed(served, "unchanged"));

    ObjectNode stored = InstallManifests.parseOne(kubectl.run("get", "deployment",
        "ramp-controller", "--namespace", NAMESPACE, "-o", "json").ok());
    assertThat(stored.path("spec"))
        .isEqualTo(rendered.get("Deployment/" + NAMESPACE + "/ramp-controller").path("spec"));

    // The CRDs just installed serve Rollouts, and their schema refuses a wrong one.
    String example = Path.of("..", "examples", "checkout.yaml").toAbsolutePath().toString();
    assertThat(kubectl.run("apply", "-f", example).ok())
        .contains("rollout.ramp.dev/checkout created");
    assertThat(kubectl.run("get", "rollout", "checkout", "-o", "name").ok())
        .isEqualTo("rollout.ramp.dev/checkout\n");
    Program.Result refused = kubectl.runWithInput("""
        apiVersion: ramp.dev/v1alpha1
        kind: Rollout
        metadata: {name: too-heavy, namespace: default}
        spec:
          replicas: 1
          selector: {matchLabels: {app: heavy}}
          template:
            metadata: {labels: {app: heavy}}
            spec: {containers: [{name: app, image: demo:v1}]}
          strategy: {canary: {steps: [{setWeight: 120}]}}
        """, "apply", "-f", "-");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("setWeight must be at most 100");
  }

  @Test
  void theKindsLeftOutAreStillNotServed() {
    Set<String> resources = Set.copyOf(kubectl.run("api-resources", "-o", "name").ok().lines()
        .toList());
    assertThat(resources).contains("deployments.apps").doesNotContainAnyElementsOf(
        NOT_SERVED.values());
  }

  /** The lines {@code kubectl apply} prints for the objects. */
  private static List<String> printed(List<ObjectNode> objects, String outcome) {
    return objects.stream().map(o -> PRINTED.get(o.path("kind").asText()) + "/"
        + o.at("/metadata/name").asText() + " " + outcome).toList();
  }
}
