package dev.ramp.sim.deploy;

import static dev.ramp.sim.deploy.InstallManifests.NAMESPACE;
import static dev.ramp.sim.deploy.InstallManifests.get;
import static dev.ramp.sim.deploy.InstallManifests.named;
import static dev.ramp.sim.deploy.InstallManifests.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.controller.config.ControllerConfig;
import dev.ramp.controller.config.LogFormat;
import dev.ramp.sim.Program;
import dev.ramp.sim.Program.Result;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Helm chart {@code deploy/helm/ramp} renders what the kustomize base installs, and its
 * values reach the controller. Skips where helm is not installed.
 */
class HelmChartTest {
  private static final Path CHART = InstallManifests.DEPLOY.resolve("helm/ramp");
  /** Labels that only the chart sets, by Helm's conventions. */
  private static final Set<String> HELM_LABELS = Set.of("app.kubernetes.io/instance",
      "app.kubernetes.io/version", "app.kubernetes.io/managed-by", "helm.sh/chart");

  @TempDir
  Path dir;
  private Program helm;

  /** Per test, so that each is reported skipped, with the reason. */
  @BeforeEach
  void findHelm() {
    Map<String, String> homes = new HashMap<>();
    for (String home : List.of("HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME")) {
      homes.put(home, dir.resolve(home).toString());
    }
    helm = Program.onPath("helm", dir, ", the chart is not rendered").withEnvironment(homes);
  }

  @Test
  void lintsCleanly() {
    helm("lint", "--strict", CHART.toString()).ok();
  }

  @Test
  void rendersWhatTheKustomizeBaseInstallsButTheNamespace() {
    Map<String, ObjectNode> kustomized =
        InstallManifests.parse(InstallManifests.kustomize(dir));
    // `helm install --create-namespace` creates it
    assertThat(kustomized.remove("Namespace//" + NAMESPACE)).isNotNull();

    Map<String, ObjectNode> charted = InstallManifests.parse(helm("template", "ramp",
        CHART.toString(), "--namespace", NAMESPACE, "--include-crds").ok());
    charted.values().forEach(HelmChartTest::removeHelmLabels);

    assertThat(charted.keySet()).containsExactlyInAnyOrderElementsOf(kustomized.keySet());
    kustomized.forEach((key, object) -> assertThat(charted.get(key)).as(key).isEqualTo(object));
  }

  @Test
  void passesItsValuesToTheController() {
    Map<String, ObjectNode> objects = InstallManifests.parse(helm("template", "blue",
        CHART.toString(), "--namespace", "ramp-blue",
        "--set", "image.repository=registry.example.com/ramp,image.tag=1.2.3,replicas=3",
        "--set", "namespaces={team-a,team-b},instanceId=blue,logFormat=text",
        "--set", "kubeQps=5,kubeBurst=10,resources.limits.memory=1Gi").ok());

    ObjectNode deployment = get(objects, "Deployment", "ramp-blue", "blue-controller");
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(3);
    JsonNode container = named(deployment.at("/spec/template/spec/containers"), "controller");
    assertThat(container.path("image").asText()).isEqualTo("registry.example.com/ramp:1.2.3");
    assertThat(container.at("/resources/limits/memory").asText()).isEqualTo("1Gi");
    assertThat(env(container))
        .containsEntry("RAMP_NAMESPACES", "team-a,team-b")
        .containsEntry("RAMP_INSTANCE_ID", "blue")
        .containsEntry("RAMP_LOG_FORMAT", "text")
        .containsEntry("RAMP_KUBE_QPS", "5")
        .containsEntry("RAMP_KUBE_BURST", "10")
        .containsEntry("RAMP_LEADER_ELECTION", "true");
    ControllerConfig config = InstallManifests.controllerSettings(container, "ramp-blue");
    assertThat(config.namespaces()).containsExactlyInAnyOrder("team-a", "team-b");
    assertThat(config.instanceSelector()).isEqualTo("ramp.dev/instance-id=blue");
    assertThat(config.logFormat()).isEqualTo(LogFormat.TEXT);
    assertThat(config.kubeQps()).isEqualTo(5);
    assertThat(config.kubeBurst()).isEqualTo(10);
    assertThat(config.leaderElection()).hasValueSatisfying(election ->
        assertThat(election.namespace()).isEqualTo("ramp-blue"));
    assertThat(get(objects, "ClusterRoleBinding", "", "blue-controller").at("/subjects/0"))
        .hasToString("{\"kind\":\"ServiceAccount\",\"name\":\"blue-controller\","
            + "\"namespace\":\"ramp-blue\"}");
  }

  @Test
  void passesItsNotificationValuesToTheControllerAndGrantsANamespacesOwnConfig() {
    Map<String, ObjectNode> objects = InstallManifests.parse(helm("template", "ramp",
        CHART.toString(), "--namespace", NAMESPACE,
        "--set", "notifications.retrySeconds=120,notifications.namespaceConfig=true",
        "--set", "dashboardUrl=https://ramp.example.com").ok());

    JsonNode container = named(get(objects, "Deployment", NAMESPACE, "ramp-controller")
        .at("/spec/template/spec/containers"), "controller");
    assertThat(env(container))
        .containsEntry("RAMP_NOTIFICATIONS_RETRY_SECONDS", "120")
        .containsEntry("RAMP_NAMESPACE_NOTIFICATIONS", "true")
        .containsEntry("RAMP_DASHBOARD_URL", "https://ramp.example.com");
    assertThat(get(objects, "ClusterRole", "", "ramp-controller").path("rules"))
        .anySatisfy(rule -> {
          assertThat(rule.path("resources")).hasToString("[\"configmaps\",\"secrets\"]");
          assertThat(rule.path("verbs")).hasToString("[\"get\"]");
        });
  }

  @Test
  void refusesSeveralReplicasWithoutLeaderElection() {
    Result refused = helm("template", "ramp", CHART.toString(), "--set", "leaderElection=false");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.err()).contains("replicas above 1 need leaderElection: true");

    Map<String, ObjectNode> single = InstallManifests.parse(helm("template", "ramp",
        CHART.toString(), "--namespace", NAMESPACE, "--set", "leaderElection=false,replicas=1")
        .ok());
    JsonNode container = named(get(single, "Deployment", NAMESPACE, "ramp-controller")
        .at("/spec/template/spec/containers"), "controller");
    assertThat(env(container)).containsEntry("RAMP_LEADER_ELECTION", "false");
    assertThat(InstallManifests.controllerSettings(container, NAMESPACE).leaderElection())
        .isEmpty();
    // only the notifications' Role is left
    assertThat(ofKind(single, "Role")).extracting(r -> r.at("/metadata/name").asText())
        .containsExactly("ramp-controller-notifications");
    assertThat(ofKind(single, "RoleBinding")).extracting(r -> r.at("/metadata/name").asText())
        .containsExactly("ramp-controller-notifications");
  }

  private static Map<String, String> env(JsonNode container) {
    Map<String, String> env = new HashMap<>();
    container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
    return env;
  }

  private static void removeHelmLabels(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove(HELM_LABELS);
    }
    node.forEach(HelmChartTest::removeHelmLabels);
  }

  /** Runs helm with its cache, configuration and data in the test's directory. */
  private Result helm(String... args) {
    return helm.run("", List.of(args));
  }
}
