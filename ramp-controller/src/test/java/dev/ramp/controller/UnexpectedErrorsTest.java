package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.RampLabels;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutCondition;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.AnalysisTemplate;
import dev.ramp.api.analysis.Metric;
import dev.ramp.api.analysis.MetricProvider;
import dev.ramp.api.analysis.WebMetric;
import dev.ramp.api.experiment.Experiment;
import dev.ramp.controller.config.ControllerConfig;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.micrometer.core.instrument.Counter;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An error Ramp does not expect in a reconcile shows on the object as a ReconcileError condition
 * and one Warning Event however often the reconcile is retried; each failed reconcile is counted
 * in ramp_reconcile_errors_total; the condition goes once the error does; and the other rollouts
 * go on meanwhile. The errors are real ones: a ReplicaSet with a memory request the Kubernetes
 * client cannot parse (an API server would refuse it, the test cluster does not), and an
 * AnalysisRun whose argument Ramp cannot read.
 */
class UnexpectedErrorsTest extends ClusterTest {
  /** Failed reconciles to wait for: the first and its retries. */
  private static final int FAILURES = 3;

  private ControllerInstance controller;

  @BeforeAll
  void startController() {
    cluster.stopController();
    controller = ControllerInstance.start(cluster, ControllerConfig.defaults());
  }

  @AfterAll
  void stopController() {
    controller.close();
  }

  @Test
  void aRolloutThatFailsUnexpectedlySaysSoOnceWhileAnotherIsReleased() {
    cluster.create(Rollouts.canary("steady", 2, "demo:v1", weight(50), pause("1s"),
        weight(100)));
    Rollout broken = cluster.create(Rollouts.canary("broken", 1, "demo:v1"));
    String v1 = cluster.awaitPhase("steady", "Healthy").getStatus().stableRevision;
    cluster.awaitPhase("broken", "Healthy");
    double before = errors("rollouts").count();

    ReplicaSet unreadable = cluster.client.apps().replicaSets().inNamespace(Cluster.NS)
        .resource(replicaSetWithMemory(broken, "invalid")).create();
    cluster.setImage("steady", "demo:v2");

    Rollout failing = cluster.await("broken", "ReconcileError", r -> reconcileError(r) != null);
    String message = reconcileError(failing).message;
    assertThat(message).startsWith("Unexpected error while reading the rollout's ReplicaSets")
        .contains("NumberFormatException").endsWith("Ramp keeps retrying; the controller's log"
            + " has the stack trace.");
    assertThat(reconcileError(failing).status).isEqualTo("True");
    awaitAtLeast(errors("rollouts")::count, before + FAILURES);
    assertThat(reconcileErrorEvents("broken")).as("one Event for %s failed reconciles", FAILURES)
        .singleElement().satisfies(e -> {
          assertThat(e.getType()).isEqualTo("Warning");
          assertThat(e.getMessage()).isEqualTo(message);
        });

    cluster.await("steady", "v2 released", r -> "Healthy".equals(r.getStatus().phase)
        && !v1.equals(r.getStatus().stableRevision));
    assertThat(reconcileError(cluster.rollout("broken"))).as("still failing").isNotNull();

    cluster.client.resource(unreadable).delete();

    cluster.await("broken", "ReconcileError cleared", r -> reconcileError(r) == null);
    assertThat(cluster.rollout("broken").getStatus().phase).isEqualTo("Healthy");
    assertThat(reconcileErrorEvents("broken")).hasSize(1);
  }

  @Test
  void anAnalysisRunThatFailsUnexpectedlySaysSoOnceUntilItIsFixed() {
    double before = errors("analysisruns").count();
    // A real API server refuses a measurementRetention below 1 (this test's checks no schema),
    // and nothing else checks a run made by hand before its measurements are recorded.
    createFromYaml("""
        apiVersion: ramp.dev/v1alpha1
        kind: AnalysisRun
        metadata: {name: by-hand}
        spec:
          metrics:
            - name: errors
              interval: 1s
              count: 2
              measurementRetention: -1
              successCondition: result < 1
              provider: {web: {url: "http://127.0.0.1:1/errors", jsonPath: $.errors}}
        """);

    AnalysisRun failing = awaitRun("ReconcileError", run -> runError(run) != null);
    // the first measurement is taken, and keeping the newest -1 of them fails
    assertThat(runError(failing).message).isEqualTo("Unexpected error while judging the"
        + " measurements: IllegalArgumentException: fromIndex(2) > toIndex(1). Ramp keeps"
        + " retrying; the controller's log has the stack trace.");
    awaitAtLeast(errors("analysisruns")::count, before + FAILURES);
    assertThat(reconcileErrorEvents("by-hand")).singleElement()
        .satisfies(e -> assertThat(e.getMessage()).isEqualTo(runError(failing).message));

    cluster.client.resources(AnalysisRun.class).inNamespace(Cluster.NS).withName("by-hand")
        .edit(run -> {
          run.getSpec().metrics.get(0).measurementRetention = 3;
          return run;
        });

    AnalysisRun fixed = awaitRun("measured, ReconcileError cleared",
        run -> runError(run) == null && run.getStatus().metricResults != null);
    assertThat(fixed.getStatus().metricResults).as("the measurement was taken").isNotEmpty();
    assertThat(reconcileErrorEvents("by-hand")).hasSize(1);
  }

  @Test
  void anExperimentThatFailsUnexpectedlySaysSoOnceUntilItIsFixed() {
    double before = errors("experiments").count();
    // A real API server refuses a template without metrics (this test's checks no schema), and
    // nothing checks one before an experiment's run is made from it.
    createFromYaml("""
        apiVersion: ramp.dev/v1alpha1
        kind: AnalysisTemplate
        metadata: {name: no-metrics}
        spec: {args: [{name: revision}]}
        """);
    createFromYaml("""
        apiVersion: ramp.dev/v1alpha1
        kind: Experiment
        metadata: {name: by-hand-experiment}
        spec:
          templates:
            - name: only
              selector: {matchLabels: {app: by-hand-experiment}}
              template:
                metadata: {labels: {app: by-hand-experiment}}
                spec: {containers: [{name: app, image: "demo:v1"}]}
          analyses:
            - {name: errors, templateName: no-metrics, args: [{name: revision, value: v1}]}
        """);

    Experiment failing = awaitExperiment("ReconcileError", e -> experimentError(e) != null);
    String message = experimentError(failing).message;
    assertThat(message).startsWith("Unexpected error while deciding what to do:"
        + " NullPointerException").endsWith("Ramp keeps retrying; the controller's log has the"
        + " stack trace.");
    awaitAtLeast(errors("experiments")::count, before + FAILURES);
    assertThat(reconcileErrorEvents("by-hand-experiment")).singleElement().satisfies(e -> {
      assertThat(e.getType()).isEqualTo("Warning");
      assertThat(e.getMessage()).isEqualTo(message);
    });

    cluster.client.resources(AnalysisTemplate.class).inNamespace(Cluster.NS)
        .withName("no-metrics").edit(template -> {
          template.getSpec().metrics = List.of(templateMetric());
          return template;
        });

    Experiment fixed = awaitExperiment("running its analysis, ReconcileError cleared",
        e -> experimentError(e) == null && e.getStatus().analysisRuns != null);
    assertThat(fixed.getStatus().analysisRuns).extracting(run -> run.analysisRun)
        .containsExactly("by-hand-experiment-errors");
    assertThat(reconcileErrorEvents("by-hand-experiment")).hasSize(1);
  }

  @Test
  void aRunMadeByHandWithAFieldRefSaysTheArgumentHasNoValue() {
    // fieldRef is read from the Rollout that makes a run: a run of one's own cannot use it
    createFromYaml("""
        apiVersion: ramp.dev/v1alpha1
        kind: AnalysisRun
        metadata: {name: field-ref}
        spec:
          args: [{name: service, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]
          metrics:
            - name: errors
              successCondition: result < 1
              provider: {web: {url: "http://127.0.0.1:1/{{args.service}}", jsonPath: $.errors}}
        """);

    AnalysisRun measured = awaitRun("field-ref", "measured", run -> run.getStatus().metricResults != null
        && !run.getStatus().metricResults.isEmpty()
        && run.getStatus().metricResults.get(0).measurements != null
        && !run.getStatus().metricResults.get(0).measurements.isEmpty());
    assertThat(measured.getStatus().metricResults.get(0).measurements.get(0).message)
        .isEqualTo("argument service has no value: valueFrom.fieldRef is read from the Rollout"
            + " that creates a run, so a run created without one must give the value itself");
    assertThat(runError(measured)).isNull();
    assertThat(reconcileErrorEvents("field-ref")).isEmpty();
  }

  /** A metric measuring what nothing answers: its run is made, and its measurements error. */
  private static Metric templateMetric() {
    Metric metric = new Metric();
    metric.name = "errors";
    metric.successCondition = "result < 1";
    metric.provider = new MetricProvider();
    metric.provider.web = new WebMetric();
    metric.provider.web.url = "http://127.0.0.1:1/errors";
    metric.provider.web.jsonPath = "$.errors";
    return metric;
  }

  private Experiment awaitExperiment(String what, Predicate<Experiment> condition) {
    Awaitility.await().alias("by-hand-experiment: " + what).atMost(Cluster.TIMEOUT).until(() -> {
      Experiment experiment = cluster.client.resources(Experiment.class).inNamespace(Cluster.NS)
          .withName("by-hand-experiment").get();
      return experiment != null && experiment.getStatus() != null
          && condition.test(experiment);
    });
    return cluster.client.resources(Experiment.class).inNamespace(Cluster.NS)
        .withName("by-hand-experiment").get();
  }

  private static RolloutCondition experimentError(Experiment experiment) {
    return find(experiment.getStatus().conditions);
  }

  private ReplicaSet replicaSetWithMemory(Rollout owner, String memory) {
    String hash = "unreadable";
    return new ReplicaSetBuilder()
        .withNewMetadata().withName(owner.getMetadata().getName() + "-" + hash)
        .withNamespace(Cluster.NS)
        .addToLabels("app", owner.getMetadata().getName())
        .addToLabels(RampLabels.POD_TEMPLATE_HASH, hash)
        .addNewOwnerReference().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
        .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
        .withController(true).endOwnerReference()
        .endMetadata()
        .withNewSpec().withReplicas(0)
        .withNewSelector().addToMatchLabels(RampLabels.POD_TEMPLATE_HASH, hash).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels(RampLabels.POD_TEMPLATE_HASH, hash)
        .endMetadata().withNewSpec().addNewContainer().withName("app").withImage("demo:v1")
        .withNewResources().addToRequests("memory", new Quantity(memory)).endResources()
        .endContainer().endSpec().endTemplate()
        .endSpec().build();
  }

  private void createFromYaml(String yaml) {
    RouterFixtures.create(cluster.client, yaml);
  }

  private AnalysisRun awaitRun(String what, java.util.function.Predicate<AnalysisRun> condition) {
    return awaitRun("by-hand", what, condition);
  }

  private AnalysisRun awaitRun(String name, String what,
      java.util.function.Predicate<AnalysisRun> condition) {
    Awaitility.await().alias(name + ": " + what).atMost(Cluster.TIMEOUT).until(() -> {
      AnalysisRun run = run(name);
      return run != null && run.getStatus() != null && condition.test(run);
    });
    return run(name);
  }

  private AnalysisRun run(String name) {
    return cluster.client.resources(AnalysisRun.class).inNamespace(Cluster.NS)
        .withName(name).get();
  }

  private Counter errors(String controllerName) {
    return controller.registry.find("ramp.reconcile.errors").tag("controller", controllerName)
        .counter();
  }

  private static void awaitAtLeast(Supplier<Double> value, double least) {
    Awaitility.await().alias("at least " + least).atMost(Cluster.TIMEOUT)
        .until(() -> value.get() >= least);
  }

  private List<Event> reconcileErrorEvents(String name) {
    return cluster.events(name).stream()
        .filter(e -> RolloutCondition.RECONCILE_ERROR.equals(e.getReason())).toList();
  }

  private static RolloutCondition reconcileError(Rollout rollout) {
    return find(rollout.getStatus().conditions);
  }

  private static RolloutCondition runError(AnalysisRun run) {
    return find(run.getStatus().conditions);
  }

  private static RolloutCondition find(List<RolloutCondition> conditions) {
    return conditions == null ? null : conditions.stream()
        .filter(c -> RolloutCondition.RECONCILE_ERROR.equals(c.type)).findFirst().orElse(null);
  }
}
