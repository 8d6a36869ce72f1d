package dev.ramp.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.sim.traffic.RevisionTraffic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole sandbox, Ramp's controller included, driven the way a person does: with kubectl. */
class SandboxKubectlTest {
  private static final String ROLLOUT = """
      apiVersion: ramp.dev/v1alpha1
      kind: Rollout
      metadata: {name: %1$s, namespace: default}
      spec:
        replicas: 2
        progressDeadlineSeconds: 3
        selector: {matchLabels: {app: %1$s}}
        template:
          metadata: {labels: {app: %1$s}}
          spec: {containers: [{name: app, image: demo:v1}]}
        strategy:
          canary:
            scaleDownDelaySeconds: 0
            steps: [{setWeight: 50}, {pause: {}}]
      """;

  private static final String MANIFESTS = """
      apiVersion: v1
      kind: Service
      metadata: {name: routed-stable, namespace: default}
      spec: {selector: {app: routed}, ports: [{port: 80}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: routed-canary, namespace: default}
      spec: {selector: {app: routed}, ports: [{port: 80}]}
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata: {name: routed, namespace: default}
      spec:
        parentRefs: [{name: gateway}]
        rules: [{backendRefs: [{name: routed-stable, port: 80}]}]
      ---
      apiVersion: ramp.dev/v1alpha1
      kind: Rollout
      metadata: {name: routed, namespace: default}
      spec:
        replicas: 4
        selector: {matchLabels: {app: routed}}
        template:
          metadata: {labels: {app: routed}}
          spec: {containers: [{name: app, image: demo:v1}]}
        strategy:
          canary:
            stableService: routed-stable
            canaryService: routed-canary
            trafficRouting: {gatewayAPI: {httpRoute: routed}}
            steps: [{setWeight: 50}, {pause: {}}]
      """;

  private static final String BLUE_GREEN = """
      apiVersion: v1
      kind: Service
      metadata: {name: bg-active, namespace: default}
      spec: {selector: {app: bg}, ports: [{port: 80}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: bg-preview, namespace: default}
      spec: {selector: {app: bg}, ports: [{port: 80}]}
      ---
      apiVersion: ramp.dev/v1alpha1
      kind: Rollout
      metadata: {name: bg, namespace: default}
      spec:
        replicas: 2
        selector: {matchLabels: {app: bg}}
        template:
          metadata: {labels: {app: bg}}
          spec: {containers: [{name: app, image: demo:v1}]}
        strategy:
          blueGreen: {activeService: bg-active, previewService: bg-preview,
                      autoPromotionEnabled: false, scaleDownDelaySeconds: 0}
      """;

  /** A ReplicaSet an Argo Rollout deleted with --cascade=orphan left running, then a Rollout. */
  private static final String ORPHAN = """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: shop-6d4f9c7b8
        namespace: default
        labels: {app: shop, rollouts-pod-template-hash: 6d4f9c7b8}
        annotations: {rollout.argoproj.io/revision: "3"}
      spec:
        replicas: 2
        selector: {matchLabels: {app: shop, rollouts-pod-template-hash: 6d4f9c7b8}}
        template:
          metadata: {labels: {app: shop, rollouts-pod-template-hash: 6d4f9c7b8}}
          spec:
            containers: [{name: app, image: demo:v1, imagePullPolicy: IfNotPresent}]
            restartPolicy: Always
      """;

  @TempDir static Path dir;
  static Sandbox sandbox;
  static Kubectl kubectl;

  @BeforeAll
  static void start() {
    Path kubeconfig = dir.resolve("sandbox.kubeconfig");
    sandbox = Sandbox.start(new Sandbox.Options(0, kubeconfig, Duration.ofMillis(200), 300, 7));
    kubectl = new Kubectl(kubeconfig, dir);
  }

  @AfterAll
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  private static String field(String rollout, String jsonpath) {
    return kubectl.run("get", "rollout", rollout, "-o", "jsonpath={" + jsonpath + "}").ok();
  }

  /** Waits until the revisions have served {@code count} more requests between them. */
  private static void awaitRequests(long count, RevisionTraffic... revisions) {
    long before = served(revisions);
    Awaitility.await().alias(count + " more requests").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> served(revisions) - before >= count);
  }

  private static long served(RevisionTraffic... revisions) {
    long requests = 0;
    for (RevisionTraffic revision : revisions) {
      requests += revision.requests();
    }
    return requests;
  }

  private static void awaitField(String rollout, String jsonpath, String value) {
    Awaitility.await().alias(rollout + " " + jsonpath + " = " + value)
        .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
        .until(() -> value.equals(field(rollout, jsonpath)));
  }

  @Test
  void applyChangeTheImagePromoteAndComplete() {
    kubectl.runWithInput(ROLLOUT.formatted("web"), "apply", "-f", "-").ok();
    awaitField("web", ".status.phase", "Healthy");
    String v1 = field("web", ".status.stableRevision");
    assertThat(kubectl.run("get", "rs", "-o", "name").ok())
        .contains("replicaset.apps/web-" + v1);

    kubectl.run("patch", "rollout", "web", "--type=merge", "-p",
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\","
            + "\"image\":\"demo:v2\"}]}}}}").ok();
    awaitField("web", ".status.phase", "Paused");
    assertThat(field("web", ".status.currentStepIndex")).isEqualTo("1");
    assertThat(field("web", ".status.canary.weight")).isEqualTo("50");

    kubectl.run("patch", "rollout", "web", "--subresource=status", "--type=merge", "-p",
        "{\"status\":{\"pauseConditions\":null}}").ok();

    awaitField("web", ".status.phase", "Healthy");
    assertThat(field("web", ".status.stableRevision")).isNotEqualTo(v1);
    assertThat(kubectl.run("get", "events", "--field-selector", "involvedObject.name=web").ok())
        .contains("RolloutCompleted");
  }

  @Test
  void aRolloutAdoptsTheReplicaSetItsPredecessorLeftWithoutRestartingItsPods() {
    kubectl.runWithInput(ORPHAN, "apply", "-f", "-").ok();
    Awaitility.await().alias("the orphan's pods are ready").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300)).until(() -> "2".equals(kubectl.run("get", "rs",
            "shop-6d4f9c7b8", "-o", "jsonpath={.status.readyReplicas}").ok()));
    String pods = podUids("shop");

    kubectl.runWithInput(ROLLOUT.formatted("shop"), "apply", "-f", "-").ok();

    awaitField("shop", ".status.phase", "Healthy");
    assertThat(field("shop", ".status.stableRevision")).isEqualTo("6d4f9c7b8");
    assertThat(kubectl.run("get", "rs", "-l", "app=shop", "-o", "name").ok().trim())
        .isEqualTo("replicaset.apps/shop-6d4f9c7b8");
    assertThat(kubectl.run("get", "rs", "shop-6d4f9c7b8", "-o",
        "jsonpath={.metadata.ownerReferences[?(@.controller==true)].kind}").ok())
        .isEqualTo("Rollout");
    assertThat(podUids("shop")).isEqualTo(pods);
  }

  private static String podUids(String app) {
    return kubectl.run("get", "pods", "-l", "app=" + app, "--sort-by=.metadata.uid", "-o",
        "jsonpath={.items[*].metadata.uid}").ok();
  }

  @Test
  void aCrashLoopingReleaseHitsItsProgressDeadline() {
    kubectl.runWithInput(ROLLOUT.formatted("crashy"), "apply", "-f", "-").ok();
    awaitField("crashy", ".status.phase", "Healthy");

    kubectl.run("patch", "rollout", "crashy", "--type=merge", "-p",
        "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"sandbox.ramp.dev/ready\":"
            + "\"false\"}}}}}").ok();

    awaitField("crashy", ".status.phase", "Degraded");
    assertThat(field("crashy", ".status.conditions[?(@.type==\"Progressing\")].reason"))
        .isEqualTo("ProgressDeadlineExceeded");
  }

  /**
   * The API server takes any value inside a Rollout's pod template (as a real one does); Ramp
   * names the field it cannot use, and rolls out once it is fixed.
   */
  @Test
  void aMemoryRequestThatIsNotAQuantityIsNamedThenFixed() {
    String memory = "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\","
        + "\"image\":\"demo:v1\",\"resources\":{\"requests\":{\"memory\":\"%s\"}}}]}}}}";
    kubectl.runWithInput(ROLLOUT.formatted("sized").replace(
        "{containers: [{name: app, image: demo:v1}]}",
        "{containers: [{name: app, image: demo:v1, resources: {requests: {memory: invalid}}}]}"),
        "apply", "-f", "-").ok();

    awaitField("sized", ".status.phase", "Degraded");
    String problem = "spec.template.spec.containers[0].resources.requests.memory: \"invalid\""
        + " is not a quantity";
    assertThat(field("sized", ".status.conditions[?(@.type==\"InvalidSpec\")].message"))
        .contains(problem);
    assertThat(kubectl.run("get", "events", "--field-selector",
        "involvedObject.name=sized").ok()).contains("InvalidSpec", problem);
    assertThat(kubectl.run("get", "rs", "-o", "name").ok()).doesNotContain("sized-");

    kubectl.run("patch", "rollout", "sized", "--type=merge", "-p", memory.formatted("128Mi"))
        .ok();

    awaitField("sized", ".status.phase", "Healthy");
    assertThat(field("sized", ".status.availableReplicas")).isEqualTo("2");
  }

  @Test
  void theSandboxPublishesItsMetricsEndpoint() {
    assertThat(kubectl.run("get", "configmap", "ramp-sandbox", "-o",
        "jsonpath={.data.metricsUrl}").ok()).isEqualTo(sandbox.metricsUrl());
  }

  @Test
  void theCanaryGetsTheRoutersWeightNotItsShareOfPods() {
    kubectl.runWithInput(MANIFESTS, "apply", "-f", "-").ok();
    awaitField("routed", ".status.phase", "Healthy");
    kubectl.run("patch", "rollout", "routed", "--type=json", "-p", "[{\"op\":\"replace\","
        + "\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"demo:v2\"}]").ok();
    awaitField("routed", ".status.phase", "Paused");
    assertThat(kubectl.run("get", "httproute", "routed", "-o",
        "jsonpath={.spec.rules[0].backendRefs[*].weight}").ok()).isEqualTo("50 50");
    String stable = field("routed", ".status.stableRevision");
    String canary = field("routed", ".status.updatedRevision");
    RevisionTraffic stableTraffic = sandbox.traffic().traffic("default", "routed", stable);
    RevisionTraffic canaryTraffic = sandbox.traffic().traffic("default", "routed", canary);
    long stableBefore = stableTraffic.requests();
    long canaryBefore = canaryTraffic.requests();

    // 600 requests: enough for a 50% share to fall within 42-58% but for one chance in 10^4
    awaitRequests(600, stableTraffic, canaryTraffic);

    long toStable = stableTraffic.requests() - stableBefore;
    long toCanary = canaryTraffic.requests() - canaryBefore;
    double share = 100.0 * toCanary / (toStable + toCanary);
    // 4 stable pods and 2 canary pods would give the canary a third by pods; the route says half
    assertThat(share).isBetween(42.0, 58.0);
  }

  @Test
  void blueGreenUsersStayOnTheActiveRevisionUntilThePromotion() {
    kubectl.runWithInput(BLUE_GREEN, "apply", "-f", "-").ok();
    awaitField("bg", ".status.phase", "Healthy");
    kubectl.run("patch", "rollout", "bg", "--type=json", "-p", "[{\"op\":\"replace\","
        + "\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"demo:v2\"}]").ok();
    awaitField("bg", ".status.phase", "Paused");
    String v1 = field("bg", ".status.stableRevision");
    String v2 = field("bg", ".status.updatedRevision");
    awaitField("bg", ".status.blueGreen.previewSelector", v2);
    RevisionTraffic preview = sandbox.traffic().traffic("default", "bg", v2);
    RevisionTraffic old = sandbox.traffic().traffic("default", "bg", v1);
    long before = preview.requests();
    // while the active revision serves 300 requests (a second of this sandbox's traffic), not
    // one reaches the preview
    awaitRequests(300, old);
    assertThat(preview.requests()).as("users of the preview while it is not active")
        .isEqualTo(before);

    kubectl.run("patch", "rollout", "bg", "--subresource=status", "--type=merge", "-p",
        "{\"status\":{\"pauseConditions\":null}}").ok();
    awaitField("bg", ".status.blueGreen.activeSelector", v2);
    awaitField("bg", ".status.phase", "Healthy");
    long oldBefore = old.requests();
    // the same the other way round once the preview is active
    awaitRequests(300, preview);
    assertThat(old.requests()).as("users of the previous revision").isEqualTo(oldBefore);
  }

  @Test
  void theExamplesApplyAndBecomeHealthy() throws java.io.IOException {
    List<Path> examples;
    try (var files = Files.list(Path.of("..", "examples"))) {
      examples = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(examples).isNotEmpty();
    for (Path example : examples) {
      String applied = kubectl.run("apply", "-f", example.toAbsolutePath().toString()).ok();
      List<String> rollouts = applied.lines().filter(l -> l.startsWith("rollout.")).toList();
      assertThat(rollouts).as("rollouts in %s", example).isNotEmpty();
      for (String line : rollouts) {
        String name = line.substring(line.indexOf('/') + 1, line.indexOf(' '));
        awaitField(name, ".status.phase", "Healthy");
      }
    }
  }
}
