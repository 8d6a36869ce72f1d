package dev.ramp.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.sim.traffic.RevisionTraffic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The whole sandbox, Ramp's controller included, driven the way a person does: with kubectl. */
class SandboxKubectlTest extends SandboxKubectlFixture {
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

  /** Argo Rollouts' rollout-rolling-update example with only its apiVersion changed. */
  private static final String ROLLING_UPDATE = """
      apiVersion: ramp.dev/v1alpha1
      kind: Rollout
      metadata:
        name: rollout-rolling-update
      spec:
        replicas: 5
        strategy:
          canary:
            maxSurge: 1
            maxUnavailable: 1
        revisionHistoryLimit: 2
        selector:
          matchLabels:
            app: rollout-rolling-update
        template:
          metadata:
            labels:
              app: rollout-rolling-update
          spec:
            containers:
            - name: rollout-rolling-update
              image: argoproj/rollouts-demo:blue
              imagePullPolicy: Always
              ports:
              - containerPort: 8080
      """;

  private static String field(String rollout, String jsonpath) {
    return get("rollout", rollout, jsonpath);
  }

  private static void awaitField(String rollout, String jsonpath, String value) {
    await("rollout", rollout, jsonpath, value);
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
    await("rs", "shop-6d4f9c7b8", ".status.readyReplicas", "2");
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

  @Test
  void aReplicaSetOfAnotherTemplateUnderTheSelectorIsNamedUntilItIsScaledToZero() {
    // left by a Deployment deleted with --cascade=orphan: its own labels, another image
    kubectl.runWithInput(ORPHAN.replace("shop-6d4f9c7b8", "cart-5b7d9f6c4")
        .replace("6d4f9c7b8", "5b7d9f6c4").replace("app: shop", "app: cart")
        .replace("demo:v1", "demo:v0"), "apply", "-f", "-").ok();
    await("rs", "cart-5b7d9f6c4", ".status.readyReplicas", "2");

    kubectl.runWithInput(ROLLOUT.formatted("cart"), "apply", "-f", "-").ok();

    awaitField("cart", ".status.phase", "Degraded");
    String problem = "ReplicaSet \"cart-5b7d9f6c4\" runs pods that spec.selector \"app=cart\""
        + " selects, of a pod template other than the Rollout's: scale it to zero or delete it,"
        + " or give the Rollout labels of its own";
    assertThat(field("cart", ".status.conditions[?(@.type==\"InvalidSpec\")].message"))
        .contains(problem);
    assertThat(kubectl.run("get", "events", "--field-selector",
        "involvedObject.name=cart").ok()).contains("InvalidSpec", problem);
    assertThat(kubectl.run("get", "rs", "-l", "app=cart", "-o", "name").ok().trim())
        .as("no pods of the Rollout's beside the other ones")
        .isEqualTo("replicaset.apps/cart-5b7d9f6c4");

    kubectl.run("scale", "rs", "cart-5b7d9f6c4", "--replicas=0").ok();

    awaitField("cart", ".status.phase", "Healthy");
    assertThat(kubectl.run("get", "pods", "-l", "app=cart", "-o",
        "jsonpath={.items[*].spec.containers[0].image}").ok()).isEqualTo("demo:v1 demo:v1");
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
  void aRolloutWithoutStepsNeverRunsMoreThanReplicasPlusSurgeNorFewerAvailable() {
    kubectl.runWithInput(ROLLING_UPDATE, "apply", "-f", "-").ok();
    awaitField("rollout-rolling-update", ".status.phase", "Healthy");
    awaitField("rollout-rolling-update", ".status.availableReplicas", "5");
    String v1 = field("rollout-rolling-update", ".status.stableRevision");
    try (Kubectl.Background watch = kubectl.background("get", "rs", "-w",
        "-l", "app=rollout-rolling-update", "--no-headers", "-o",
        "custom-columns=NAME:.metadata.name,DESIRED:.spec.replicas,"
            + "AVAILABLE:.status.availableReplicas")) {
      watch.awaitLine("rollout-rolling-update-" + v1 + "\\s+5\\s+5\\s*");

      kubectl.run("patch", "rollout", "rollout-rolling-update", "--type=json", "-p",
          "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\","
              + "\"value\":\"argoproj/rollouts-demo:yellow\"}]").ok();
      awaitField("rollout-rolling-update", ".status.phase", "Healthy");
      String v2 = field("rollout-rolling-update", ".status.stableRevision");
      assertThat(v2).isNotEqualTo(v1);
      watch.awaitLine("rollout-rolling-update-" + v2 + "\\s+5\\s+5\\s*");
      watch.awaitLine("rollout-rolling-update-" + v1 + "\\s+0\\s+\\S+\\s*");

      // Every change the watch saw, replayed: the ReplicaSets' sizes and available pods.
      Map<String, int[]> replicaSets = new HashMap<>();
      for (String line : watch.lines()) {
        String[] columns = line.trim().split("\\s+");
        int desired = Integer.parseInt(columns[1]);
        int available = columns[2].equals("<none>") ? 0 : Integer.parseInt(columns[2]);
        replicaSets.put(columns[0], new int[] {desired, Math.min(desired, available)});
        assertThat(replicaSets.values().stream().mapToInt(rs -> rs[0]).sum())
            .as("pods asked for after %s", line).isLessThanOrEqualTo(6);
        assertThat(replicaSets.values().stream().mapToInt(rs -> rs[1]).sum())
            .as("pods available after %s", line).isGreaterThanOrEqualTo(4);
      }
    }
  }

  @Test
  void theCheckoutExampleGivesTheCanaryItsShareOfThePods() throws java.io.IOException {
    String till = Files.readString(Path.of("..", "examples", "checkout.yaml"))
        .replace("checkout", "till");
    kubectl.runWithInput(till, "apply", "-f", "-").ok();
    awaitField("till", ".status.phase", "Healthy");
    String v1 = field("till", ".status.stableRevision");

    kubectl.run("patch", "rollout", "till", "--type=json", "-p", "[{\"op\":\"replace\","
        + "\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"example/till:v2\"}]")
        .ok();
    awaitField("till", ".status.phase", "Paused");

    String v2 = field("till", ".status.updatedRevision");
    assertThat(field("till", ".status.currentStepIndex")).isEqualTo("1");
    assertThat(kubectl.run("get", "rs", "till-" + v2, "-o", "jsonpath={.spec.replicas}").ok())
        .as("20% of 5 pods").isEqualTo("1");
    assertThat(kubectl.run("get", "rs", "till-" + v1, "-o", "jsonpath={.spec.replicas}").ok())
        .isEqualTo("4");
  }
}
