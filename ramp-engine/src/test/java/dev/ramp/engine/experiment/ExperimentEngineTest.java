package dev.ramp.engine.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.RampLabels;
import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.analysis.AnalysisTemplateSpec;
import dev.ramp.api.analysis.Metric;
import dev.ramp.api.experiment.Experiment;
import dev.ramp.api.experiment.ExperimentAnalysis;
import dev.ramp.api.experiment.ExperimentSpec;
import dev.ramp.api.experiment.ExperimentTemplate;
import dev.ramp.engine.experiment.ExperimentAction.CreateAnalysisRun;
import dev.ramp.engine.experiment.ExperimentAction.CreateReplicaSet;
import dev.ramp.engine.experiment.ExperimentAction.CreateService;
import dev.ramp.engine.experiment.ExperimentAction.DeleteService;
import dev.ramp.engine.experiment.ExperimentAction.ScaleReplicaSet;
import dev.ramp.engine.experiment.ExperimentAction.TerminateAnalysisRun;
import dev.ramp.engine.experiment.ExperimentObservation.ReplicaSetState;
import dev.ramp.engine.experiment.ExperimentObservation.RunState;
import dev.ramp.engine.workload.PodTemplates;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The experiment's decisions, one reconcile at a time, with the clock as an argument. */
class ExperimentEngineTest {
  private static final Instant CREATED = Instant.parse("2026-01-01T10:00:00Z");

  private final Map<String, ReplicaSetState> replicaSets = new HashMap<>();
  private final Map<String, RunState> runs = new HashMap<>();
  private final Map<String, AnalysisTemplateSpec> templates = new HashMap<>(
      Map.of("errors", template("error-rate", "result < 0.05")));

  @Test
  void startsOneReplicaSetPerTemplateAndTheServicesAskedForThenWaitsForThePods() {
    Experiment experiment = experiment(spec("1m", analysis("errors", false)));

    ExperimentPlan plan = decide(experiment, CREATED.plusSeconds(1));

    assertThat(plan.status().phase).isEqualTo("Pending");
    assertThat(plan.status().message).isEqualTo("waiting for pods: template baseline: 0 of 1"
        + " pods available; template canary: 0 of 2 pods available");
    assertThat(plan.actions()).hasSize(3).noneMatch(a -> a instanceof CreateAnalysisRun);
    CreateReplicaSet canary = (CreateReplicaSet) plan.actions().get(2);
    assertThat(canary.name()).isEqualTo("exp-canary");
    assertThat(canary.spec().getReplicas()).isEqualTo(2);
    String hash = canary.spec().getTemplate().getMetadata().getLabels()
        .get(RampLabels.POD_TEMPLATE_HASH);
    assertThat(canary.spec().getSelector().getMatchLabels())
        .containsEntry("app", "web").containsEntry(RampLabels.POD_TEMPLATE_HASH, hash);
    assertThat(hash).as("a Rollout's Service pinned to the template's hash must not select it")
        .isNotEqualTo(PodTemplates.hash(pods("demo:v2")));
    assertThat(plan.actions().get(1)).isEqualTo(new CreateService("exp-baseline",
        Map.of(ExperimentPods.EXPERIMENT, "exp", ExperimentPods.TEMPLATE, "baseline",
            RampLabels.POD_TEMPLATE_HASH, plan.status().templateStatuses.get(0).podTemplateHash),
        ((CreateService) plan.actions().get(1)).ports()));
    assertThat(plan.requeueAfter()).as("the progress deadline").isEqualTo(Duration.ofSeconds(599));
  }

  @Test
  void runsOnceEveryTemplateIsAvailableAndStartsItsAnalyses() {
    available();
    Experiment experiment = experiment(spec("1m", analysis("errors", false)));

    ExperimentPlan plan = decide(experiment, CREATED.plusSeconds(20));

    assertThat(plan.status().phase).isEqualTo("Running");
    assertThat(plan.status().availableAt).isEqualTo("2026-01-01T10:00:20Z");
    assertThat(plan.actions()).singleElement().isInstanceOfSatisfying(CreateAnalysisRun.class,
        run -> {
          assertThat(run.name()).isEqualTo("exp-errors");
          assertThat(run.spec().metrics).extracting(m -> m.name).containsExactly("error-rate");
        });
    assertThat(plan.status().analysisRuns).extracting(r -> r.analysisRun + " " + r.phase)
        .containsExactly("exp-errors Pending");
    assertThat(plan.requeueAfter()).as("the end of the duration").isEqualTo(Duration.ofMinutes(1));
    assertThat(plan.events()).extracting(e -> e.reason()).containsExactly("ExperimentRunning");
  }

  @Test
  void succeedsAfterTheDurationStopsItsAnalysesAndKeepsThePodsForTheDelay() {
    available();
    runs.put("exp-errors", new RunState(AnalysisPhase.Running, null, false));
    Experiment experiment = running(spec("1m", analysis("errors", false)));

    ExperimentPlan before = decide(experiment, CREATED.plusSeconds(79));
    assertThat(before.status().phase).isEqualTo("Running");
    assertThat(before.actions()).isEmpty();

    ExperimentPlan plan = decide(experiment, CREATED.plusSeconds(80));

    assertThat(plan.status().phase).isEqualTo("Successful");
    assertThat(plan.status().message).isEqualTo("ran for 1m and no analysis failed");
    assertThat(plan.status().templateStatuses).extracting(t -> t.status)
        .containsOnly("Successful");
    assertThat(plan.actions()).containsExactly(new TerminateAnalysisRun("exp-errors"));
    assertThat(plan.requeueAfter()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void scalesDownAndDeletesItsServicesOnceTheDelayHasPassed() {
    available();
    Experiment experiment = running(spec("1m"));
    experiment.getStatus().phase = "Successful";
    experiment.getStatus().finishedAt = "2026-01-01T10:01:20Z";

    assertThat(decide(experiment, CREATED.plusSeconds(109)).actions()).isEmpty();
    ExperimentPlan plan = decide(experiment, CREATED.plusSeconds(110));

    assertThat(plan.actions()).containsExactlyInAnyOrder(new ScaleReplicaSet("exp-baseline", 0),
        new ScaleReplicaSet("exp-canary", 0), new DeleteService("exp-baseline"));
    assertThat(plan.events()).isEmpty();
  }

  @Test
  void failsAsSoonAsAnAnalysisFails() {
    available();
    runs.put("exp-errors", new RunState(AnalysisPhase.Failed, "error-rate: 0.2", false));
    Experiment experiment = running(spec("1h", analysis("errors", false)));

    ExperimentPlan plan = decide(experiment, CREATED.plusSeconds(30));

    assertThat(plan.status().phase).isEqualTo("Failed");
    assertThat(plan.status().message).isEqualTo("analysis errors is Failed: error-rate: 0.2");
    assertThat(plan.events()).singleElement().satisfies(event -> {
      assertThat(event.warning()).isTrue();
      assertThat(event.reason()).isEqualTo("ExperimentFailed");
    });
  }

  @Test
  void withoutADurationWaitsForTheAnalysesRequiredForCompletion() {
    available();
    templates.put("smoke", template("smoke", "result == 1"));
    ExperimentSpec spec = spec(null, analysis("errors", true), analysis("smoke", false));
    runs.put("exp-errors", new RunState(AnalysisPhase.Running, null, false));
    runs.put("exp-smoke", new RunState(AnalysisPhase.Running, null, false));

    assertThat(decide(running(spec), CREATED.plusSeconds(3600)).status().phase)
        .isEqualTo("Running");

    runs.put("exp-errors", new RunState(AnalysisPhase.Successful, null, false));
    ExperimentPlan plan = decide(running(spec), CREATED.plusSeconds(3601));
    assertThat(plan.status().phase).isEqualTo("Successful");
    assertThat(plan.actions()).as("the analysis not required is stopped")
        .containsExactly(new TerminateAnalysisRun("exp-smoke"));
  }

  @Test
  void withNeitherADurationNorARequiredAnalysisRunsUntilTerminated() {
    available();
    runs.put("exp-errors", new RunState(AnalysisPhase.Successful, null, false));
    ExperimentSpec spec = spec(null, analysis("errors", false));

    assertThat(decide(running(spec), CREATED.plus(Duration.ofDays(3))).status().phase)
        .isEqualTo("Running");

    spec.terminate = true;
    ExperimentPlan plan = decide(running(spec), CREATED.plus(Duration.ofDays(3)));
    assertThat(plan.status().phase).isEqualTo("Successful");
    assertThat(plan.status().message).isEqualTo("terminated");
  }

  @Test
  void failsWhenThePodsAreNotAvailableWithinTheProgressDeadline() {
    replicaSets.put("exp-baseline", new ReplicaSetState(1, 1, 1));
    replicaSets.put("exp-canary", new ReplicaSetState(2, 1, 1));
    ExperimentSpec spec = spec("1m");
    spec.progressDeadlineSeconds = 60;

    ExperimentPlan plan = decide(experiment(spec), CREATED.plusSeconds(60));

    assertThat(plan.status().phase).isEqualTo("Failed");
    assertThat(plan.status().message).isEqualTo("progress deadline of 60s exceeded: template"
        + " canary: 1 of 2 pods available");
  }

  @Test
  void aMissingAnalysisTemplateIsAnErrorAndCreatesNothing() {
    templates.clear();
    ExperimentPlan plan = decide(experiment(spec("1m", analysis("errors", false))),
        CREATED.plusSeconds(1));

    assertThat(plan.status().phase).isEqualTo("Error");
    assertThat(plan.status().message)
        .isEqualTo("analysis errors: AnalysisTemplate errors not found");
    assertThat(plan.actions()).isEmpty();
    assertThat(plan.events()).singleElement().satisfies(e -> assertThat(e.warning()).isTrue());
  }

  @Test
  void aSelectorThatDoesNotMatchItsTemplateIsAnError() {
    ExperimentSpec spec = spec("1m");
    spec.templates.get(1).selector = new LabelSelectorBuilder().addToMatchLabels("app", "api")
        .build();

    ExperimentPlan plan = decide(experiment(spec), CREATED.plusSeconds(1));

    assertThat(plan.status().phase).isEqualTo("Error");
    assertThat(plan.status().message).isEqualTo("template canary: selector app=api does not"
        + " match the pod template's labels");
  }

  /** As in Argo Rollouts: a router sends a weighted template its share through a Service. */
  @Test
  void aWeightedTemplateGetsAServiceWithoutAskingForOne() {
    ExperimentSpec spec = spec("1m");
    spec.templates.get(1).weight = 10;

    ExperimentPlan plan = decide(experiment(spec), CREATED.plusSeconds(1));

    assertThat(plan.actions()).filteredOn(CreateService.class::isInstance)
        .extracting(a -> ((CreateService) a).name())
        .containsExactly("exp-baseline", "exp-canary");
    assertThat(plan.status().templateStatuses.get(1).serviceName).isEqualTo("exp-canary");
  }

  @Test
  void aWeightedTemplateWhoseContainersDeclareNoPortsIsAnError() {
    ExperimentSpec spec = spec("1m");
    spec.templates.get(1).weight = 10;
    spec.templates.get(1).template.getSpec().getContainers().get(0).setPorts(List.of());

    ExperimentPlan plan = decide(experiment(spec), CREATED.plusSeconds(1));

    assertThat(plan.status().phase).isEqualTo("Error");
    assertThat(plan.status().message).isEqualTo("template canary has a weight, which gives it"
        + " a Service for the router to send it requests, but its containers declare no ports");
    assertThat(plan.actions()).isEmpty();
  }

  @Test
  void dryRunMetricsAreMarkedInTheRun() {
    available();
    ExperimentSpec spec = spec("1m", analysis("errors", false));
    spec.dryRun = List.of(new ExperimentSpec.DryRun("error-rate"));

    ExperimentPlan plan = decide(running(spec), CREATED.plusSeconds(30));

    assertThat(plan.actions()).singleElement().isInstanceOfSatisfying(CreateAnalysisRun.class,
        run -> assertThat(run.spec().metrics.get(0).dryRun).isTrue());
  }

  private ExperimentPlan decide(Experiment experiment, Instant now) {
    Set<String> services = replicaSets.isEmpty() ? Set.of() : Set.of("exp-baseline");
    return ExperimentEngine.decide(new ExperimentObservation(experiment, replicaSets, services,
        runs, templates, null), now);
  }

  private void available() {
    replicaSets.put("exp-baseline", new ReplicaSetState(1, 1, 1));
    replicaSets.put("exp-canary", new ReplicaSetState(2, 2, 2));
  }

  /** Running since 20 s after it was created. */
  private static Experiment running(ExperimentSpec spec) {
    Experiment experiment = experiment(spec);
    experiment.getStatus().phase = "Running";
    experiment.getStatus().availableAt = "2026-01-01T10:00:20Z";
    return experiment;
  }

  private static Experiment experiment(ExperimentSpec spec) {
    Experiment experiment = new Experiment();
    experiment.setMetadata(new ObjectMetaBuilder().withName("exp").withNamespace("default")
        .withCreationTimestamp(CREATED.toString()).build());
    experiment.setSpec(spec);
    experiment.setStatus(new dev.ramp.api.experiment.ExperimentStatus());
    return experiment;
  }

  /** A baseline of v1 (one pod, with a Service) and a canary of v2 (two pods). */
  private static ExperimentSpec spec(String duration, ExperimentAnalysis... analyses) {
    ExperimentSpec spec = new ExperimentSpec();
    spec.duration = duration;
    spec.templates = List.of(template("baseline", "demo:v1", 1, true),
        template("canary", "demo:v2", 2, false));
    spec.analyses = analyses.length == 0 ? null : List.of(analyses);
    return spec;
  }

  private static ExperimentTemplate template(String name, String image, int replicas,
      boolean service) {
    ExperimentTemplate template = new ExperimentTemplate();
    template.name = name;
    template.replicas = replicas == 1 ? null : replicas;
    template.selector = new LabelSelectorBuilder().addToMatchLabels("app", "web").build();
    template.template = pods(image);
    template.service = service ? new ExperimentTemplate.ServiceRef() : null;
    return template;
  }

  private static PodTemplateSpec pods(String image) {
    return new PodTemplateSpecBuilder().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage(image).addNewPort()
        .withContainerPort(8080).endPort().endContainer().endSpec().build();
  }

  private static ExperimentAnalysis analysis(String template, boolean required) {
    ExperimentAnalysis analysis = new ExperimentAnalysis();
    analysis.name = template;
    analysis.templateName = template;
    analysis.requiredForCompletion = required ? true : null;
    return analysis;
  }

  private static AnalysisTemplateSpec template(String metricName, String success) {
    Metric metric = new Metric();
    metric.name = metricName;
    metric.successCondition = success;
    AnalysisTemplateSpec spec = new AnalysisTemplateSpec();
    spec.metrics = List.of(metric);
    return spec;
  }
}
