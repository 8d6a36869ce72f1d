package dev.ramp.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramp.api.Rollout;
import dev.ramp.api.gates.GateStatus;
import dev.ramp.cluster.routing.RouterKind;
import dev.ramp.metrics.LoopbackHttp;
import dev.ramp.workloadsim.WorkloadSimulator;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gates and hooks through the real operator, asking a real HTTP receiver on loopback: the
 * rollouts are written as users write them (YAML, most fields left out, a field Ramp does not
 * know), routed by a Gateway API HTTPRoute whose canary weight shows whether traffic moved.
 */
class GatesAndHooksTest extends ClusterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private GateReceiver receiver;

  @BeforeAll
  void start() {
    cluster.client.apiextensions().v1().customResourceDefinitions()
        .resource(RouterKind.HTTP_ROUTE.minimalCrd()).create();
    cluster.client.secrets().inNamespace(Cluster.NS).resource(new SecretBuilder()
        .withNewMetadata().withName("gate-token").endMetadata()
        .addToStringData("token", "Bearer t0ken").build()).create();
    receiver = new GateReceiver();
  }

  @AfterAll
  void stop() {
    receiver.close();
  }

  @Test
  void aReleaseGateHoldsTheReleaseUntilItSaysYes() throws Exception {
    String v1 = deploy("yes", """
        gates:
          - name: change-freeze
            url: %s
            at: [release]
            interval: 1s
            team: payments
            headers: [{name: Authorization, valueFrom: {secretKeyRef: {name: gate-token, key: token}}}]
        steps: [{setWeight: 50}, {pause: {duration: 1s}}]
        """.formatted(receiver.url("/yes")));
    receiver.answer("/yes", 503, "{\"reason\": \"change freeze until 18:00\"}");
    cluster.setImage("yes", "demo:v2");

    Rollout waiting = cluster.await("yes", "waiting for the gate",
        r -> r.getStatus().message != null && r.getStatus().message.endsWith("HTTP 503: {\"reason\":"
            + " \"change freeze until 18:00\"}"));
    assertThat(waiting.getStatus().message).startsWith("Waiting for gate change-freeze at step"
        + " 1/3 (gate change-freeze before the release)");
    assertThat(canaryWeight("yes")).isZero();

    receiver.answer("/yes", 200, "{}");
    Rollout done = cluster.await("yes", "promoted", r -> "Healthy".equals(r.getStatus().phase)
        && !v1.equals(r.getStatus().stableRevision));

    GateReceiver.Request asked = receiver.requests("/yes").get(0);
    assertThat(asked.method()).isEqualTo("POST");
    assertThat(asked.headers().get("Authorization")).containsExactly("Bearer t0ken");
    JsonNode body = JSON.readTree(asked.body());
    assertThat(body.path("rollout").asText()).isEqualTo("yes");
    assertThat(body.path("namespace").asText()).isEqualTo(Cluster.NS);
    assertThat(body.path("name").asText()).isEqualTo("change-freeze");
    assertThat(body.path("point").asText()).isEqualTo("release");
    assertThat(body.path("revision").asText()).isEqualTo(done.getStatus().stableRevision);
    assertThat(body.path("images").get(0).asText()).isEqualTo("demo:v2");
    cluster.eventually(() -> assertThat(cluster.eventReasons("yes")).containsSubsequence(
        "GateWaiting", "GateApproved", "RolloutCompleted"));
  }

  @Test
  void aNoAbortsBeforeAnyTrafficMoves() {
    deploy("no", """
        gates: [{name: change-freeze, url: %s, at: [release], interval: 1s}]
        steps: [{setWeight: 50}]
        """.formatted(receiver.url("/no")));
    receiver.answer("/no", 403, "{\"reason\": \"release window closed\"}");
    cluster.setImage("no", "demo:v2");

    Rollout aborted = cluster.awaitPhase("no", "Aborted");

    assertThat(aborted.getStatus().abortMessage).startsWith("Rollout aborted: gate change-freeze"
        + " denied revision " + aborted.getStatus().updatedRevision + ": release window closed");
    assertThat(canaryWeight("no")).isZero();
    assertThat(cluster.replicas("no", aborted.getStatus().updatedRevision)).isZero();
    cluster.eventually(() -> assertThat(cluster.eventReasons("no"))
        .containsSubsequence("GateWaiting", "GateDenied", "RolloutAborted"));
  }

  @Test
  void aYesWhoseBodySaysNotApprovedIsANo() {
    deploy("not-approved", """
        gates: [{name: qa, url: %s, at: [weightIncrease], interval: 1s}]
        steps: [{setWeight: 50}]
        """.formatted(receiver.url("/not-approved")));
    receiver.answer("/not-approved", 200,
        "{\"approved\": false, \"reason\": \"open P1 incident\"}");
    cluster.setImage("not-approved", "demo:v2");

    Rollout aborted = cluster.awaitPhase("not-approved", "Aborted");

    assertThat(aborted.getStatus().abortMessage).contains(": open P1 incident");
    assertThat(canaryWeight("not-approved")).isZero();
  }

  @Test
  void noYesWithinTheTimeoutAborts() {
    deploy("timeout", """
        gates: [{name: change-freeze, url: %s, at: [release], interval: 1s, timeout: 2s}]
        steps: [{setWeight: 50}]
        """.formatted(receiver.url("/timeout")));
    cluster.setImage("timeout", "demo:v2");

    Rollout aborted = cluster.awaitPhase("timeout", "Aborted");

    assertThat(aborted.getStatus().abortMessage).startsWith("Rollout aborted: gate"
        + " change-freeze gave no yes within 2s (last answer: HTTP 503: not ready)");
    assertThat(canaryWeight("timeout")).isZero();
    cluster.eventually(() -> assertThat(cluster.eventReasons("timeout"))
        .containsSubsequence("GateWaiting", "GateTimedOut", "RolloutAborted"));
  }

  @Test
  void anUnreachableGateKeepsTheRolloutWaitingAndSaysWhy() {
    deploy("unreachable", """
        gates: [{name: change-freeze, url: "http://127.0.0.1:%d/gate", at: [release],
                 interval: 1s}]
        steps: [{setWeight: 50}]
        """.formatted(LoopbackHttp.closedPort()));
    cluster.setImage("unreachable", "demo:v2");

    Rollout waiting = cluster.await("unreachable", "says why it waits",
        r -> r.getStatus().message != null && r.getStatus().message.contains("unreachable"));

    assertThat(waiting.getStatus().message)
        .startsWith("Waiting for gate change-freeze at step 1/2 (gate change-freeze before the"
            + " release): unreachable");
    // asked every second: the rollout keeps waiting and moves no traffic meanwhile
    Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
        .until(() -> "Progressing".equals(cluster.rollout("unreachable").getStatus().phase)
            && canaryWeight("unreachable") == 0);
  }

  @Test
  void aFailingPreReleaseHookStopsTheReleaseBeforeAnyTrafficMoves() {
    deploy("pre", """
        hooks:
          preRelease: [{name: migrate, url: %s}]
        steps: [{setWeight: 50}]
        """.formatted(receiver.url("/migrate")));
    receiver.answer("/migrate", 500, "schema migration failed");
    cluster.setImage("pre", "demo:v2");

    Rollout aborted = cluster.awaitPhase("pre", "Aborted");

    assertThat(aborted.getStatus().abortMessage).startsWith("Rollout aborted: pre-release hook"
        + " migrate failed: HTTP 500: schema migration failed");
    assertThat(canaryWeight("pre")).isZero();
    assertThat(cluster.replicas("pre", aborted.getStatus().updatedRevision)).isZero();
    assertThat(receiver.requests("/migrate")).hasSize(1);
    cluster.eventually(() -> assertThat(cluster.eventReasons("pre"))
        .containsSubsequence("HookStarted", "HookFailed", "RolloutAborted"));
  }

  @Test
  void aPreReleaseHookRunsItsJobOnceAndTheReleaseGoesOnWhenItCompletes() {
    String v1 = deploy("job", """
        hooks:
          preRelease:
            - name: migrate
              job:
                spec:
                  backoffLimit: 0
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: migrate, image: "migrate:v2"}]
        steps: [{setWeight: 50}]
        """);
    cluster.setImage("job", "demo:v2");

    Rollout done = cluster.await("job", "promoted", r -> "Healthy".equals(r.getStatus().phase)
        && !v1.equals(r.getStatus().stableRevision));

    List<Job> jobs = cluster.client.batch().v1().jobs().inNamespace(Cluster.NS).list()
        .getItems().stream().filter(j -> j.getMetadata().getName().startsWith("job-")).toList();
    assertThat(jobs).extracting(j -> j.getMetadata().getName())
        .containsExactly("job-" + done.getStatus().stableRevision + "-migrate");
    assertThat(jobs.get(0).getMetadata().getOwnerReferences())
        .extracting(ref -> ref.getKind() + "/" + ref.getName()).containsExactly("Rollout/job");
    cluster.eventually(() -> assertThat(cluster.eventReasons("job"))
        .containsSubsequence("HookStarted", "HookSucceeded", "RolloutCompleted"));
  }

  @Test
  void aPreReleaseHookWhoseJobFailsAbortsTheRelease() {
    deploy("failing-job", """
        hooks:
          preRelease:
            - name: migrate
              job:
                spec:
                  template:
                    metadata: {annotations: {"%s": fail}}
                    spec:
                      restartPolicy: Never
                      containers: [{name: migrate, image: "migrate:v2"}]
        steps: [{setWeight: 50}]
        """.formatted(WorkloadSimulator.JOB_RESULT));
    cluster.setImage("failing-job", "demo:v2");

    Rollout aborted = cluster.awaitPhase("failing-job", "Aborted");

    assertThat(aborted.getStatus().abortMessage).startsWith("Rollout aborted: pre-release hook"
        + " migrate failed: Job failing-job-" + aborted.getStatus().updatedRevision
        + "-migrate failed");
    assertThat(canaryWeight("failing-job")).isZero();
  }

  @Test
  void aPostReleaseHookIsCalledOnceAfterCompletion() {
    String v1 = deploy("post", """
        hooks:
          postRelease: [{name: announce, url: %s}]
        steps: [{setWeight: 50}]
        """.formatted(receiver.url("/announce")));
    receiver.answer("/announce", 200, "{}");
    cluster.setImage("post", "demo:v2");

    Rollout done = cluster.await("post", "post-release hook answered",
        r -> r.getStatus().gates != null && r.getStatus().gates.stream()
            .anyMatch(g -> "Succeeded".equals(g.phase)));

    assertThat(done.getStatus().stableRevision).isNotEqualTo(v1);
    GateStatus record = done.getStatus().gates.get(0);
    assertThat(record.revision).isEqualTo(done.getStatus().stableRevision);
    Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
        .until(() -> receiver.requests("/announce").size() == 1);
    assertThat(receiver.requests("/announce").get(0).body())
        .contains("\"point\":\"postRelease\"");
    cluster.eventually(() -> assertThat(cluster.eventReasons("post"))
        .containsSubsequence("RolloutCompleted", "HookSucceeded"));
  }

  @Test
  void theRollbackHookAbortsWithTheCallersReason() {
    deploy("rollback", """
        hooks:
          rollback: {url: %s, interval: 1s}
        steps: [{setWeight: 50}, {pause: {}}]
        """.formatted(receiver.url("/rollback")));
    receiver.answer("/rollback", 200, "{\"rollback\": false}");
    cluster.setImage("rollback", "demo:v2");
    cluster.awaitStep("rollback", 1, "Paused");
    assertThat(canaryWeight("rollback")).isEqualTo(50);

    receiver.answer("/rollback", 200,
        "{\"rollback\": true, \"reason\": \"error budget burnt (incident 4711)\"}");
    Rollout aborted = cluster.awaitPhase("rollback", "Aborted");

    assertThat(aborted.getStatus().abortMessage).startsWith("Rollout aborted: the rollback hook"
        + " asked to roll back: error budget burnt (incident 4711)");
    cluster.await("rollback", "traffic back on stable", r -> canaryWeight("rollback") == 0);
    cluster.eventually(() -> assertThat(cluster.events("rollback")).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo("RollbackRequested");
      assertThat(e.getMessage()).endsWith(": error budget burnt (incident 4711)");
    }));
  }

  @Test
  void aRestartedControllerKeepsWhenItStartedAskingAGate() {
    deploy("restart", """
        gates: [{name: change-freeze, url: %s, at: [release], interval: 1s, timeout: 3s}]
        steps: [{setWeight: 50}]
        """.formatted(receiver.url("/restart")));
    cluster.setImage("restart", "demo:v2");
    Rollout waiting = cluster.await("restart", "waiting for the gate",
        r -> r.getStatus().gates != null && r.getStatus().gates.get(0).lastAsked != null);
    String since = waiting.getStatus().gates.get(0).since;

    cluster.stopController();
    Instant timedOut = Instant.parse(since).plusSeconds(3);
    Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> Instant.now().isAfter(timedOut));
    // too late: a controller that forgot when it started asking would take this yes
    receiver.answer("/restart", 200, "{}");
    cluster.startController();

    Rollout aborted = cluster.awaitPhase("restart", "Aborted");
    assertThat(aborted.getStatus().abortMessage).startsWith("Rollout aborted: gate"
        + " change-freeze gave no yes within 3s");
    assertThat(aborted.getStatus().gates.get(0).since).isEqualTo(since);
    assertThat(canaryWeight("restart")).isZero();
  }

  /**
   * Creates the rollout (2 pods, demo:v1) with these canary fields behind an HTTPRoute and
   * waits for its first revision; that revision.
   */
  private String deploy(String name, String canaryFields) {
    cluster.client.resources(HTTPRoute.class).inNamespace(Cluster.NS).resource(
        new HTTPRouteBuilder().withNewMetadata().withName(name).withNamespace(Cluster.NS)
            .endMetadata().withNewSpec().addNewParentRef().withName("gateway").endParentRef()
            .addNewRule().addNewBackendRef().withName(name + "-stable").withPort(80)
            .endBackendRef().endRule().endSpec().build()).create();
    cluster.createService(name + "-stable", name);
    cluster.createService(name + "-canary", name);
    String yaml = """
        apiVersion: ramp.dev/v1alpha1
        kind: Rollout
        metadata: {name: %s, namespace: %s}
        spec:
          replicas: 2
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec: {containers: [{name: app, image: "demo:v1"}]}
          strategy:
            canary:
              stableService: %s-stable
              canaryService: %s-canary
              abortScaleDownDelaySeconds: 1
              trafficRouting: {gatewayAPI: {httpRoute: %s}}
        """.formatted(name, Cluster.NS, name, name, name, name, name)
        + canaryFields.indent(6);
    cluster.create(cluster.client.getKubernetesSerialization().unmarshal(yaml, Rollout.class));
    return cluster.awaitPhase(name, "Healthy").getStatus().stableRevision;
  }

  private int canaryWeight(String name) {
    HTTPRoute route = cluster.client.resources(HTTPRoute.class).inNamespace(Cluster.NS)
        .withName(name).get();
    return route.getSpec().getRules().get(0).getBackendRefs().stream()
        .filter(ref -> ref.getName().equals(name + "-canary"))
        .mapToInt(ref -> ref.getWeight() == null ? 1 : ref.getWeight()).sum();
  }
}
