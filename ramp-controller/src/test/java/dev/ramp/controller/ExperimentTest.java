package dev.ramp.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.Argument;
import dev.ramp.api.experiment.Experiment;
import dev.ramp.api.experiment.ExperimentAnalysis;
import dev.ramp.api.experiment.RolloutExperimentStep;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Experiments through the real operator, written as their authors write them (most optional
 * fields left out, a field Ramp does not know), with their analysis measured by the web provider
 * on a {@link StatsServer}.
 */
class ExperimentTest extends ClusterTest {
  StatsServer stats;

  @BeforeAll
  void startStats() {
    stats = new StatsServer();
    SecretAnalysis.install(cluster, stats);
  }

  @AfterAll
  void stopStats() {
    stats.close();
  }

  @Test
  void runsBothVersionsForTheDurationThenSucceedsAndScalesDownAfterTheDelay() {
    stats.errorRate("exp-ok", 0.01);
    create("""
        metadata: {name: exp-ok}
        spec:
          duration: 2s
          scaleDownDelaySeconds: 8
          notARampField: kept out of the way
          templates:
            - name: baseline
              selector: {matchLabels: {app: exp-ok}}
              template:
                metadata: {labels: {app: exp-ok}}
                spec: {containers: [{name: app, image: "demo:v1", ports: [{containerPort: 8080}]}]}
              service: {}
            - name: canary
              replicas: 2
              selector: {matchLabels: {app: exp-ok}}
              template:
                metadata: {labels: {app: exp-ok}}
                spec: {containers: [{name: app, image: "demo:v2"}]}
          analyses:
            - name: errors
              templateName: error-rate
              args: [{name: revision, value: exp-ok}]
              requiredForCompletion: true
        """);

    Experiment running = await("exp-ok", "Running", e -> "Running".equals(e.getStatus().phase));
    assertThat(running.getStatus().availableAt).isNotNull();
    assertThat(running.getStatus().templateStatuses)
        .extracting(t -> t.name + " " + t.status + " " + t.availableReplicas + "/" + t.replicas)
        .containsExactly("baseline Running 1/1", "canary Running 2/2");
    Service baseline = cluster.client.services().inNamespace(Cluster.NS)
        .withName("exp-ok-baseline").get();
    assertThat(baseline.getSpec().getSelector()).containsEntry(
        "rollouts-pod-template-hash", running.getStatus().templateStatuses.get(0).podTemplateHash);
    assertThat(baseline.getSpec().getPorts()).singleElement()
        .satisfies(port -> assertThat(port.getPort()).isEqualTo(8080));
    assertThat(cluster.client.services().inNamespace(Cluster.NS).withName("exp-ok-canary").get())
        .as("the canary template asks for no Service").isNull();
    assertThat(running.getStatus().templateStatuses.get(0).podTemplateHash)
        .isNotEqualTo(running.getStatus().templateStatuses.get(1).podTemplateHash);

    Experiment done = await("exp-ok", "Successful",
        e -> "Successful".equals(e.getStatus().phase));
    assertThat(done.getStatus().analysisRuns).singleElement().satisfies(run -> {
      assertThat(run.analysisRun).isEqualTo("exp-ok-errors");
      assertThat(run.phase).isEqualTo("Successful");
    });
    assertThat(Duration.between(Instant.parse(done.getStatus().availableAt),
        Instant.parse(done.getStatus().finishedAt))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(replicas("exp-ok-canary")).as("kept for the scale-down delay").isEqualTo(2);

    Awaitility.await("scaled down").atMost(Cluster.TIMEOUT).until(() ->
        replicas("exp-ok-baseline") == 0 && replicas("exp-ok-canary") == 0
            && cluster.client.services().inNamespace(Cluster.NS).withName("exp-ok-baseline")
                .get() == null);
    assertThat(Duration.between(Instant.parse(done.getStatus().finishedAt), Instant.now()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void failsWhenAnAnalysisFailsWithAWarningNamingIt() {
    stats.errorRate("exp-bad", 0.2);
    create("""
        metadata: {name: exp-bad}
        spec:
          duration: 1h
          scaleDownDelaySeconds: 0
          templates:
            - name: canary
              selector: {matchLabels: {app: exp-bad}}
              template:
                metadata: {labels: {app: exp-bad}}
                spec: {containers: [{name: app, image: "demo:v2"}]}
          analyses:
            - name: errors
              templateName: error-rate
              args: [{name: revision, value: exp-bad}]
        """);

    Experiment failed = await("exp-bad", "Failed", e -> "Failed".equals(e.getStatus().phase));
    assertThat(failed.getStatus().message).startsWith("analysis errors is Failed");
    cluster.eventually(() -> assertThat(cluster.events("exp-bad"))
        .anySatisfy(event -> {
          assertThat(event.getType()).isEqualTo("Warning");
          assertThat(event.getReason()).isEqualTo("ExperimentFailed");
          assertThat(event.getMessage()).contains("analysis errors is Failed");
        }));
    Awaitility.await("scaled down").atMost(Cluster.TIMEOUT)
        .until(() -> replicas("exp-bad-canary") == 0);
  }

  @Test
  void withoutADurationSucceedsOnceTheRequiredAnalysisHas() {
    stats.errorRate("exp-req", 0.01);
    create("""
        metadata: {name: exp-req}
        spec:
          templates:
            - name: canary
              selector: {matchLabels: {app: exp-req}}
              template:
                metadata: {labels: {app: exp-req}}
                spec: {containers: [{name: app, image: "demo:v2"}]}
          analyses:
            - name: errors
              templateName: error-rate
              args: [{name: revision, value: exp-req}]
              requiredForCompletion: true
        """);

    Experiment done = await("exp-req", "Successful",
        e -> "Successful".equals(e.getStatus().phase));
    assertThat(done.getStatus().message)
        .isEqualTo("every analysis required for completion succeeded");
  }

  @Test
  void failsWhenThePodsAreNotAvailableByTheProgressDeadline() {
    create("""
        metadata: {name: exp-slow}
        spec:
          progressDeadlineSeconds: 2
          templates:
            - name: canary
              selector: {matchLabels: {app: exp-slow}}
              template:
                metadata: {labels: {app: exp-slow}}
                spec: {containers: [{name: app, image: "demo:never-ready"}]}
        """);

    Experiment failed = await("exp-slow", "Failed", e -> "Failed".equals(e.getStatus().phase));
    assertThat(failed.getStatus().message).isEqualTo("progress deadline of 2s exceeded:"
        + " template canary: 0 of 1 pods available");
  }

  @Test
  void aMissingAnalysisTemplateIsAnErrorThatCreatesNothing() {
    create("""
        metadata: {name: exp-missing}
        spec:
          templates:
            - name: canary
              selector: {matchLabels: {app: exp-missing}}
              template:
                metadata: {labels: {app: exp-missing}}
                spec: {containers: [{name: app, image: "demo:v2"}]}
          analyses:
            - name: errors
              templateName: no-such-template
        """);

    Experiment error = await("exp-missing", "Error", e -> "Error".equals(e.getStatus().phase));
    assertThat(error.getStatus().message)
        .isEqualTo("analysis errors: AnalysisTemplate no-such-template not found");
    cluster.eventually(() -> assertThat(cluster.events("exp-missing"))
        .extracting(Event::getType, Event::getReason)
        .contains(org.assertj.core.groups.Tuple.tuple("Warning", "ExperimentError")));
    assertThat(cluster.client.apps().replicaSets().inNamespace(Cluster.NS)
        .withName("exp-missing-canary").get()).isNull();
  }

  @Test
  void anExperimentThatCannotRunLeavesTheOthersRunning() {
    create("""
        metadata: {name: exp-soon}
        spec:
          duration: soon
          templates:
            - name: canary
              selector: {matchLabels: {app: exp-soon}}
              template:
                metadata: {labels: {app: exp-soon}}
                spec: {containers: [{name: app, image: "demo:v2"}]}
        """);
    create("""
        metadata: {name: exp-after}
        spec:
          duration: 1s
          templates:
            - name: canary
              selector: {matchLabels: {app: exp-after}}
              template:
                metadata: {labels: {app: exp-after}}
                spec: {containers: [{name: app, image: "demo:v2"}]}
        """);

    Experiment error = await("exp-soon", "Error", e -> "Error".equals(e.getStatus().phase));
    assertThat(error.getStatus().message).startsWith("spec.duration: ").contains("soon");
    await("exp-after", "Successful", e -> "Successful".equals(e.getStatus().phase));
    assertThat(cluster.client.apps().replicaSets().inNamespace(Cluster.NS)
        .withName("exp-soon-canary").get()).isNull();
  }

  @Test
  void anExperimentOfARolloutsPodsLeavesTheRolloutAlone() {
    cluster.create(Rollouts.canary("beside", 1, "demo:v1"));
    cluster.awaitPhase("beside", "Healthy");
    create("""
        metadata: {name: exp-beside}
        spec:
          duration: 1s
          templates:
            - name: canary
              selector: {matchLabels: {app: beside}}
              template:
                metadata: {labels: {app: beside}}
                spec: {containers: [{name: app, image: "demo:v2"}]}
        """);

    await("exp-beside", "Successful", e -> "Successful".equals(e.getStatus().phase));

    // the rollout has seen the experiment's ReplicaSet under its selector by now
    assertThat(cluster.rollout("beside").getStatus().phase).isEqualTo("Healthy");
    assertThat(cluster.events("beside")).extracting(Event::getType).doesNotContain("Warning");
    assertThat(cluster.replicaSets("beside")).singleElement()
        .satisfies(rs -> assertThat(rs.getSpec().getTemplate().getSpec().getContainers().get(0)
            .getImage()).isEqualTo("demo:v1"));
  }

  @Test
  void anExperimentStepRunsTheStableAndCanaryTemplatesAndCompletesWhenItSucceeds() {
    stats.errorRate("step-ok", 0.01);
    cluster.create(withExperimentStep("step-ok", "1s", true));
    String v1 = cluster.awaitPhase("step-ok", "Healthy").getStatus().stableRevision;

    cluster.setImage("step-ok", "demo:v2");

    Rollout done = cluster.await("step-ok", "v2 stable", r -> "Healthy".equals(r.getStatus().phase)
        && !v1.equals(r.getStatus().stableRevision)
        && r.getStatus().stableRevision.equals(r.getStatus().updatedRevision));
    String v2 = done.getStatus().stableRevision;
    Experiment experiment = experiment("step-ok-" + v2 + "-0");
    assertThat(experiment.getStatus().phase).isEqualTo("Successful");
    assertThat(experiment.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(owner -> assertThat(owner.getName()).isEqualTo("step-ok"));
    assertThat(image(experiment, "baseline")).isEqualTo("demo:v1");
    assertThat(image(experiment, "canary")).isEqualTo("demo:v2");
    cluster.eventually(() -> assertThat(cluster.events("step-ok")).extracting(Event::getReason)
        .contains("RolloutStepCompleted", "RolloutCompleted"));
  }

  @Test
  void aFailedExperimentAbortsTheRolloutSayingWhy() {
    stats.errorRate("step-bad", 0.2);
    cluster.create(withExperimentStep("step-bad", "1h", false));
    cluster.awaitPhase("step-bad", "Healthy");

    cluster.setImage("step-bad", "demo:v2");

    Rollout aborted = cluster.await("step-bad", "aborted",
        r -> "Aborted".equals(r.getStatus().phase));
    String experiment = "step-bad-" + aborted.getStatus().updatedRevision + "-0";
    assertThat(aborted.getStatus().message).contains("experiment " + experiment
        + " is Failed: analysis errors is Failed");
    cluster.eventually(() -> assertThat(cluster.events("step-bad"))
        .anySatisfy(event -> {
          assertThat(event.getType()).isEqualTo("Warning");
          assertThat(event.getReason()).isEqualTo("ExperimentFailed");
        }));
    assertThat(experiment(experiment).getStatus().phase).isEqualTo("Failed");
  }

  @Test
  void anAbortEndsTheRunningExperiment() {
    stats.errorRate("step-abort", 0.01);
    cluster.create(withExperimentStep("step-abort", "1h", false));
    cluster.awaitPhase("step-abort", "Healthy");
    cluster.setImage("step-abort", "demo:v2");
    String experiment = "step-abort-" + cluster.await("step-abort", "updating",
        r -> !r.getStatus().updatedRevision.equals(r.getStatus().stableRevision))
        .getStatus().updatedRevision + "-0";
    await(experiment, "Running", e -> "Running".equals(e.getStatus().phase));

    cluster.patchStatus("step-abort", "{\"status\": {\"abort\": true}}");

    Experiment ended = await(experiment, "terminated",
        e -> Boolean.TRUE.equals(e.getSpec().terminate) && "Successful".equals(
            e.getStatus().phase));
    assertThat(ended.getStatus().message).isEqualTo("terminated");
    assertThat(ended.getMetadata().getAnnotations()).as("Ramp's terminate, never read again")
        .containsEntry("ramp.dev/retired", "true");
    assertThat(cluster.rollout("step-abort").getStatus().phase).isEqualTo("Aborted");
  }

  /** A person ends the step's experiment early: as in Argo Rollouts, the step completes. */
  @Test
  void aPersonTerminatingTheStepsExperimentCompletesTheStep() {
    stats.errorRate("step-ended", 0.01);
    cluster.create(withExperimentStep("step-ended", "1h", false));
    String v1 = cluster.awaitPhase("step-ended", "Healthy").getStatus().stableRevision;
    cluster.setImage("step-ended", "demo:v2");
    String experiment = "step-ended-" + cluster.await("step-ended", "updating",
        r -> !r.getStatus().updatedRevision.equals(r.getStatus().stableRevision))
        .getStatus().updatedRevision + "-0";
    await(experiment, "Running", e -> "Running".equals(e.getStatus().phase));

    cluster.client.resources(Experiment.class).inNamespace(Cluster.NS).withName(experiment)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\": {\"terminate\": true}}");

    cluster.await("step-ended", "v2 stable", r -> "Healthy".equals(r.getStatus().phase)
        && !v1.equals(r.getStatus().stableRevision));
    assertThat(experiment(experiment).getStatus().phase).isEqualTo("Successful");
    assertThat(cluster.client.resources(Experiment.class).inNamespace(Cluster.NS).list()
        .getItems()).extracting(e -> e.getMetadata().getName())
        .as("no second experiment").filteredOn(name -> name.startsWith("step-ended-"))
        .containsExactly(experiment);
  }

  /**
   * A rollout whose one step is an experiment: a baseline of the stable template and a canary,
   * judged by the error-rate analysis of the rollout's name.
   */
  private static Rollout withExperimentStep(String name, String duration, boolean required) {
    RolloutExperimentStep step = new RolloutExperimentStep();
    step.duration = duration;
    step.templates = List.of(stepTemplate("baseline", RolloutExperimentStep.SpecRef.stable),
        stepTemplate("canary", RolloutExperimentStep.SpecRef.canary));
    ExperimentAnalysis analysis = new ExperimentAnalysis();
    analysis.name = "errors";
    analysis.templateName = SecretAnalysis.TEMPLATE;
    analysis.args = List.of(new Argument("revision", name));
    analysis.requiredForCompletion = required ? true : null;
    step.analyses = List.of(analysis);
    CanaryStep experiment = new CanaryStep();
    experiment.experiment = step;
    return Rollouts.canary(name, 1, "demo:v1", experiment);
  }

  private static RolloutExperimentStep.Template stepTemplate(String name,
      RolloutExperimentStep.SpecRef ref) {
    RolloutExperimentStep.Template template = new RolloutExperimentStep.Template();
    template.name = name;
    template.specRef = ref;
    return template;
  }

  private String image(Experiment experiment, String template) {
    return cluster.client.apps().replicaSets().inNamespace(Cluster.NS)
        .withName(experiment.getMetadata().getName() + "-" + template).get().getSpec()
        .getTemplate().getSpec().getContainers().get(0).getImage();
  }

  private void create(String yaml) {
    String manifest = "apiVersion: ramp.dev/v1alpha1\nkind: Experiment\n" + yaml;
    Experiment experiment = cluster.client.getKubernetesSerialization().unmarshal(
        new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8)), Experiment.class);
    cluster.client.resources(Experiment.class).inNamespace(Cluster.NS).resource(experiment)
        .create();
  }

  private Experiment experiment(String name) {
    return cluster.client.resources(Experiment.class).inNamespace(Cluster.NS).withName(name)
        .get();
  }

  private Experiment await(String name, String what, Predicate<Experiment> condition) {
    Awaitility.await(name + ": " + what).atMost(Cluster.TIMEOUT)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> {
          Experiment e = experiment(name);
          return e != null && e.getStatus() != null && condition.test(e);
        });
    return experiment(name);
  }

  private int replicas(String replicaSet) {
    ReplicaSet rs = cluster.client.apps().replicaSets().inNamespace(Cluster.NS)
        .withName(replicaSet).get();
    return rs.getSpec().getReplicas();
  }
}
