package dev.ramp.sim.deploy;

import static dev.ramp.sim.deploy.InstallManifests.NAMESPACE;
import static dev.ramp.sim.deploy.InstallManifests.get;
import static dev.ramp.sim.deploy.InstallManifests.named;
import static dev.ramp.sim.deploy.InstallManifests.ofKind;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.controller.config.ControllerConfig;
import dev.ramp.controller.config.LogFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code kubectl apply -k deploy/} installs, as {@code kubectl kustomize} renders it. */
class KustomizeInstallTest {
  /**
   * What the controller does to each kind ({@code group/resource}, verbs), read from its code:
   * the ClusterRole must grant exactly this. JOSDK informers list and watch.
   */
  static final Map<String, Set<String>> NEEDED = Map.ofEntries(
      // RolloutReconciler's own informer, and its read of the Rollout before it acts
      entry("ramp.dev/rollouts", Set.of("get", "list", "watch")),
      // StatusWriter: a JSON patch of the status subresource
      entry("ramp.dev/rollouts/status", Set.of("patch")),
      entry("ramp.dev/analysisruns/status", Set.of("patch")),
      // informers of AnalysisRunReconciler, RolloutReconciler and ExperimentReconciler;
      // Actuator.createAnalysisRun and ExperimentActuator (get when the create conflicts:
      // ClusterObjects.createOrFind), and TerminateAnalysisRun (a merge patch)
      entry("ramp.dev/analysisruns", Set.of("get", "list", "watch", "create", "patch")),
      // informers of ExperimentReconciler and RolloutReconciler; Actuator.createExperiment
      // (get when its create conflicts), and TerminateExperiment (a merge patch);
      // ExperimentReconciler's status writes
      entry("ramp.dev/experiments", Set.of("get", "list", "watch", "create", "patch")),
      entry("ramp.dev/experiments/status", Set.of("patch")),
      // informers of RolloutReconciler and ExperimentReconciler
      entry("ramp.dev/analysistemplates", Set.of("list", "watch")),
      entry("ramp.dev/clusteranalysistemplates", Set.of("list", "watch")),
      // blockOwnerDeletion on what Ramp owns: Actuator.ownerReference, RouterObjects.ownedBy
      // (owner: the Rollout), AnalysisRunReconciler.owner (Jobs; owner: the AnalysisRun),
      // ExperimentActuator.owned (ReplicaSets, Services, AnalysisRuns; owner: the Experiment)
      entry("ramp.dev/rollouts/finalizers", Set.of("update")),
      entry("ramp.dev/analysisruns/finalizers", Set.of("update")),
      entry("ramp.dev/experiments/finalizers", Set.of("update")),
      // RolloutReconciler's informer; Actuator: CreateReplicaSet, ScaleReplicaSet and the
      // revision and scale-down annotations (merge patches), DeleteReplicaSet, AdoptReplicaSet
      // (get, then a merge patch)
      entry("apps/replicasets", Set.of("get", "list", "watch", "create", "patch", "delete")),
      // RolloutReconciler's informer (workloadRef); Actuator: ScaleDeployment
      entry("apps/deployments", Set.of("list", "watch", "patch")),
      // informers of RolloutReconciler and ExperimentReconciler; Actuator: PinService;
      // ExperimentActuator: a template's Service (created, or found with get) and its deletion
      entry("/services", Set.of("get", "list", "watch", "create", "patch", "delete")),
      // SnapshotReader.pods (restarts); Actuator: DeletePod
      entry("/pods", Set.of("list", "delete")),
      // AnalysisRunReconciler.ArgumentValues: valueFrom.secretKeyRef
      entry("/secrets", Set.of("get")),
      // EventRecorder
      entry("/events", Set.of("create")),
      // ramp-metrics JobProvider: measure (create), resume (get), terminate (delete)
      entry("batch/jobs", Set.of("get", "create", "delete")),
      // routers, through RouterObjects find/require (get), create and update:
      // NginxRouter's canary Ingress
      entry("networking.k8s.io/ingresses", Set.of("get", "create", "update")),
      // GatewayApiRouter
      entry("gateway.networking.k8s.io/httproutes", Set.of("get", "update")),
      entry("gateway.networking.k8s.io/grpcroutes", Set.of("get", "update")),
      entry("gateway.networking.k8s.io/tcproutes", Set.of("get", "update")),
      // IstioRouter
      entry("networking.istio.io/virtualservices", Set.of("get", "update")),
      entry("networking.istio.io/destinationrules", Set.of("get", "update")),
      // SmiRouter
      entry("split.smi-spec.io/trafficsplits", Set.of("get", "create", "update")),
      // RouterObjects.requireCrd; ControllerCommand's check that Ramp's CRDs are installed
      entry("apiextensions.k8s.io/customresourcedefinitions", Set.of("get")));

  @TempDir
  static Path dir;
  static Map<String, ObjectNode> objects;
  static ObjectNode deployment;
  static JsonNode container;

  @BeforeAll
  static void render() {
    objects = InstallManifests.parse(InstallManifests.kustomize(dir));
    deployment = get(objects, "Deployment", NAMESPACE, "ramp-controller");
    container = named(deployment.at("/spec/template/spec/containers"), "controller");
  }

  @Test
  void installsEveryGeneratedCrdAndTheNamespace() throws IOException {
    Set<String> generated = new TreeSet<>();
    try (Stream<Path> files = Files.list(InstallManifests.DEPLOY.resolve("crds"))) {
      for (Path file : files.toList()) {
        generated.addAll(InstallManifests.parse(Files.readString(file)).values().stream()
            .map(crd -> crd.at("/metadata/name").asText()).toList());
      }
    }
    assertThat(generated).contains("rollouts.ramp.dev", "analysisruns.ramp.dev");
    assertThat(ofKind(objects, "CustomResourceDefinition"))
        .extracting(crd -> crd.at("/metadata/name").asText())
        .containsExactlyInAnyOrderElementsOf(generated);
    assertThat(get(objects, "Namespace", "", NAMESPACE).at("/metadata/labels")
        .path("pod-security.kubernetes.io/enforce").asText()).isEqualTo("restricted");
  }

  @Test
  void runsTwoReplicasWithLeaderElectionOnALeaseInItsOwnNamespace() {
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
    JsonNode env = container.path("env");
    assertThat(named(env, "RAMP_LEADER_ELECTION").path("value").asText()).isEqualTo("true");
    assertThat(named(env, "POD_NAMESPACE").at("/valueFrom/fieldRef/fieldPath").asText())
        .isEqualTo("metadata.namespace");

    ObjectNode role = get(objects, "Role", NAMESPACE, "ramp-controller-leader-election");
    // what JOSDK's LeaderElectionManager checks it may do before it takes part
    assertThat(grants(List.of(role))).containsExactlyInAnyOrder(
        "coordination.k8s.io/leases create",
        "coordination.k8s.io/leases get ramp-controller",
        "coordination.k8s.io/leases update ramp-controller");
    assertBound(get(objects, "RoleBinding", NAMESPACE, "ramp-controller-leader-election"),
        "Role", role);
  }

  @Test
  void readsOnlyTheNotificationsConfigMapAndSecretInItsOwnNamespace() {
    ObjectNode role = get(objects, "Role", NAMESPACE, "ramp-controller-notifications");
    // NotificationConfigSource's informers: a list and a watch of each, by name
    assertThat(grants(List.of(role))).containsExactlyInAnyOrder(
        "/configmaps get ramp-notifications", "/configmaps list ramp-notifications",
        "/configmaps watch ramp-notifications", "/secrets get ramp-notifications",
        "/secrets list ramp-notifications", "/secrets watch ramp-notifications");
    assertBound(get(objects, "RoleBinding", NAMESPACE, "ramp-controller-notifications"),
        "Role", role);
    assertThat(InstallManifests.notificationSettings(container, NAMESPACE).namespace())
        .isEqualTo(NAMESPACE);
  }

  @Test
  void setsOnlySettingsTheControllerReadsWithValuesItAccepts() {
    ControllerConfig config = InstallManifests.controllerSettings(container, NAMESPACE);

    assertThat(config.namespaces()).as("all").isEmpty();
    assertThat(config.instanceId()).isEmpty();
    assertThat(config.port())
        .isEqualTo(named(container.path("ports"), "http-metrics").path("containerPort").asInt());
    assertThat(config.logFormat()).isEqualTo(LogFormat.JSON);
    assertThat(config.kubeQps()).isEqualTo(50);
    assertThat(config.kubeBurst()).isEqualTo(100);
    assertThat(config.leaderElection()).hasValueSatisfying(election -> {
      assertThat(election.namespace()).isEqualTo(NAMESPACE);
      assertThat(election.identity()).isEqualTo(InstallManifests.POD_NAME);
    });
  }

  @Test
  void servesMetricsAndHealthOnPort8080() {
    JsonNode port = named(container.path("ports"), "http-metrics");
    assertThat(port.path("containerPort").asInt()).isEqualTo(8080);
    assertThat(named(container.path("env"), "RAMP_PORT").path("value").asText())
        .isEqualTo("8080");
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(container.at("/livenessProbe/httpGet/port").asText()).isEqualTo("http-metrics");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    assertThat(container.at("/readinessProbe/httpGet/port").asText()).isEqualTo("http-metrics");

    ObjectNode service = get(objects, "Service", NAMESPACE, "ramp-controller-metrics");
    JsonNode servicePort = named(service.at("/spec/ports"), "http-metrics");
    assertThat(servicePort.path("port").asInt()).isEqualTo(8080);
    assertThat(servicePort.path("targetPort").asText()).isEqualTo("http-metrics");
    assertThat(service.at("/spec/selector"))
        .isEqualTo(deployment.at("/spec/template/metadata/labels"))
        .isEqualTo(deployment.at("/spec/selector/matchLabels"));
  }

  @Test
  void runsAsNonRootOnAReadOnlyFilesystemWithoutPrivileges() {
    JsonNode pod = deployment.at("/spec/template/spec");
    assertThat(pod.at("/securityContext/runAsNonRoot")).isEqualTo(BooleanNode.TRUE);
    assertThat(pod.at("/securityContext/runAsUser").asInt()).isPositive();
    assertThat(pod.at("/securityContext/seccompProfile/type").asText())
        .isEqualTo("RuntimeDefault");
    JsonNode security = container.path("securityContext");
    assertThat(security.path("readOnlyRootFilesystem")).isEqualTo(BooleanNode.TRUE);
    assertThat(security.path("allowPrivilegeEscalation")).isEqualTo(BooleanNode.FALSE);
    assertThat(security.at("/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
    assertThat(security.at("/capabilities/add").isMissingNode()).isTrue();

    JsonNode tmp = named(container.path("volumeMounts"), "tmp");
    assertThat(tmp.path("mountPath").asText()).isEqualTo("/tmp");
    assertThat(named(pod.path("volumes"), "tmp").has("emptyDir")).isTrue();
  }

  @Test
  void hasResourceRequestsAndLimitsAndAJvmSizedToThem() {
    for (String bound : List.of("requests", "limits")) {
      assertThat(container.path("resources").path(bound).path("cpu").asText())
          .as("cpu %s", bound).isNotEmpty();
      assertThat(container.path("resources").path(bound).path("memory").asText())
          .as("memory %s", bound).isNotEmpty();
    }
    assertThat(named(container.path("env"), "JDK_JAVA_OPTIONS").path("value").asText())
        .contains("-XX:MaxRAMPercentage=");
  }

  @Test
  void grantsExactlyWhatTheControllerUsesWithoutWildcards() {
    List<ObjectNode> roles = new ArrayList<>(ofKind(objects, "ClusterRole"));
    roles.addAll(ofKind(objects, "Role"));
    for (ObjectNode role : roles) {
      for (JsonNode rule : role.path("rules")) {
        assertThat(rule.has("nonResourceURLs")).as("%s", rule).isFalse();
        for (String field : List.of("apiGroups", "resources", "verbs")) {
          assertThat(rule.path(field).toString()).as("%s of %s", field, role.at("/metadata/name"))
              .doesNotContain("*");
        }
      }
    }

    ObjectNode clusterRole = get(objects, "ClusterRole", "", "ramp-controller");
    assertThat(ofKind(objects, "ClusterRole")).containsExactly(clusterRole);
    Set<String> needed = NEEDED.entrySet().stream()
        .flatMap(e -> e.getValue().stream().map(verb -> e.getKey() + " " + verb))
        .collect(Collectors.toSet());
    assertThat(grants(List.of(clusterRole))).containsExactlyInAnyOrderElementsOf(needed);

    assertBound(get(objects, "ClusterRoleBinding", "", "ramp-controller"), "ClusterRole",
        clusterRole);
    assertThat(deployment.at("/spec/template/spec/serviceAccountName").asText())
        .isEqualTo("ramp-controller");
    get(objects, "ServiceAccount", NAMESPACE, "ramp-controller");
  }

  /** Each {@code group/resource verb[ resourceName]} the roles' rules grant. */
  private static Set<String> grants(List<ObjectNode> roles) {
    Set<String> grants = new TreeSet<>();
    for (ObjectNode role : roles) {
      for (JsonNode rule : role.path("rules")) {
        List<String> names = new ArrayList<>();
        rule.path("resourceNames").forEach(name -> names.add(" " + name.asText()));
        if (names.isEmpty()) {
          names.add("");
        }
        for (JsonNode group : rule.path("apiGroups")) {
          for (JsonNode resource : rule.path("resources")) {
            for (JsonNode verb : rule.path("verbs")) {
              for (String name : names) {
                grants.add(group.asText() + "/" + resource.asText() + " " + verb.asText() + name);
              }
            }
          }
        }
      }
    }
    return grants;
  }

  /** The binding gives the role to the controller's ServiceAccount, and to nobody else. */
  private static void assertBound(JsonNode binding, String roleKind, JsonNode role) {
    assertThat(binding.at("/roleRef/kind").asText()).isEqualTo(roleKind);
    assertThat(binding.at("/roleRef/name").asText()).isEqualTo(role.at("/metadata/name").asText());
    assertThat(binding.path("subjects")).hasSize(1);
    JsonNode subject = binding.path("subjects").get(0);
    assertThat(subject.path("kind").asText()).isEqualTo("ServiceAccount");
    assertThat(subject.path("name").asText()).isEqualTo("ramp-controller");
    assertThat(subject.path("namespace").asText()).isEqualTo(NAMESPACE);
  }
}
