package dev.ramp.engine.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutStatus;
import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.experiment.ExperimentAnalysis;
import dev.ramp.api.experiment.ExperimentTemplate;
import dev.ramp.api.experiment.RolloutExperimentStep;
import dev.ramp.engine.Action;
import dev.ramp.engine.Fixtures;
import dev.ramp.engine.Plan;
import dev.ramp.engine.ReplicaSetView;
import dev.ramp.engine.RolloutEngine;
import dev.ramp.engine.RolloutExperimentView;
import dev.ramp.engine.Snapshot;
import dev.ramp.engine.workload.PodTemplates;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rollout's experiment step, decided by the engine from a rollout at that step. */
class RolloutExperimentStepTest {
  private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
  private static final String V1 = PodTemplates.hash(Fixtures.template("web", "demo:v1"));
  private static final String V2 = PodTemplates.hash(Fixtures.template("web", "demo:v2"));
  private static final String EXPERIMENT = "web-" + V2 + "-0";

  @Test
  void theStepMakesAnExperimentOfTheStableAndCanaryTemplates() {
    Plan plan = decide(atStep("Progressing"));

    assertThat(plan.actions()).filteredOn(Action.CreateExperiment.class::isInstance)
        .singleElement().isInstanceOfSatisfying(Action.CreateExperiment.class, create -> {
          assertThat(create.name()).isEqualTo(EXPERIMENT);
          assertThat(create.step()).isZero();
          assertThat(create.spec().duration).isEqualTo("5m");
          assertThat(create.spec().templates).extracting(t -> t.name + " " + image(t) + " "
              + t.selector.getMatchLabels()).containsExactly("baseline demo:v1 {app=web}",
                  "canary demo:v2 {app=web}");
          assertThat(create.spec().analyses).singleElement().satisfies(analysis ->
              assertThat(analysis.args).extracting(a -> a.name + "=" + a.value)
                  .containsExactly("revision=" + V2));
        });
    assertThat(plan.status().currentStepIndex).isZero();
  }

  @Test
  void aSuccessfulExperimentCompletesTheStepAndIsLeftToScaleItselfDown() {
    Plan plan = decide(atStep("Progressing"),
        new RolloutExperimentView(EXPERIMENT, V2, 0, AnalysisPhase.Successful, null, false));

    assertThat(plan.status().currentStepIndex).isEqualTo(1);
    assertThat(plan.actions()).noneMatch(a -> a instanceof Action.CreateExperiment
        || a instanceof Action.TerminateExperiment);
  }

  @Test
  void aFailedExperimentAbortsTheRolloutAndKeepsItsVerdict() {
    Plan plan = decide(atStep("Progressing"), new RolloutExperimentView(EXPERIMENT, V2, 0,
        AnalysisPhase.Failed, "analysis errors is Failed", false));

    assertThat(plan.status().phase).isEqualTo("Aborted");
    assertThat(plan.status().abortMessage).isEqualTo("Rollout aborted: experiment " + EXPERIMENT
        + " is Failed: analysis errors is Failed. All traffic and replicas are back on stable"
        + " revision " + V1);
    assertThat(plan.events()).anySatisfy(event -> {
      assertThat(event.reason()).isEqualTo("ExperimentFailed");
      assertThat(event.warning()).isTrue();
    });
    assertThat(plan.actions()).as("a crash before the status write must not lose the verdict")
        .noneMatch(a -> a instanceof Action.TerminateExperiment);
  }

  @Test
  void aRunningExperimentIsEndedWhenTheRolloutIsAborted() {
    Rollout rollout = atStep("Progressing");
    rollout.getStatus().abort = true;

    Plan plan = decide(rollout,
        new RolloutExperimentView(EXPERIMENT, V2, 0, AnalysisPhase.Running, null, false));

    assertThat(plan.status().phase).isEqualTo("Aborted");
    assertThat(plan.actions()).contains(new Action.TerminateExperiment(EXPERIMENT));
  }

  @Test
  void aRetryRetiresTheFailedExperimentAndStartsANewOne() {
    Rollout rollout = atStep("Aborted");
    rollout.getStatus().abort = false;

    Plan plan = decide(rollout, new RolloutExperimentView(EXPERIMENT, V2, 0,
        AnalysisPhase.Failed, "analysis errors is Failed", false));

    assertThat(plan.status().phase).isEqualTo("Progressing");
    assertThat(plan.actions()).contains(new Action.TerminateExperiment(EXPERIMENT));
    assertThat(plan.actions()).filteredOn(Action.CreateExperiment.class::isInstance)
        .extracting(a -> ((Action.CreateExperiment) a).name())
        .containsExactly(EXPERIMENT + "-2");
  }

  private static Plan decide(Rollout rollout, RolloutExperimentView... experiments) {
    List<ReplicaSetView> replicaSets = List.of(
        new ReplicaSetView("web-" + V1, V1, 1, 1, 1, 1, 1, null,
            Fixtures.template("web", "demo:v1")),
        new ReplicaSetView("web-" + V2, V2, 2, 1, 1, 1, 1, null,
            Fixtures.template("web", "demo:v2")));
    Snapshot snapshot = new Snapshot(rollout, replicaSets, Map.of(), null, List.of(), List.of(),
        Map.of(), null, null, null).withExperiments(List.of(experiments));
    return RolloutEngine.decide(snapshot, NOW);
  }

  /** web releasing v2 (stable v1), at its first step: an experiment, then setWeight 100. */
  private static Rollout atStep(String phase) {
    RolloutExperimentStep step = new RolloutExperimentStep();
    step.duration = "5m";
    step.templates = List.of(template("baseline", RolloutExperimentStep.SpecRef.stable),
        template("canary", RolloutExperimentStep.SpecRef.canary));
    ExperimentAnalysis analysis = new ExperimentAnalysis();
    analysis.name = "errors";
    analysis.templateName = "error-rate";
    analysis.args = List.of(Fixtures.revisionRef());
    step.analyses = List.of(analysis);
    CanaryStep experiment = new CanaryStep();
    experiment.experiment = step;
    Rollout rollout = Fixtures.rollout("web", 1, "demo:v2", experiment, CanaryStep.weight(100));
    RolloutStatus status = new RolloutStatus();
    status.phase = phase;
    status.stableRevision = V1;
    status.updatedRevision = V2;
    status.currentStepIndex = 0;
    status.observedGeneration = 1L;
    status.abort = "Aborted".equals(phase) ? true : null;
    rollout.setStatus(status);
    return rollout;
  }

  private static RolloutExperimentStep.Template template(String name,
      RolloutExperimentStep.SpecRef ref) {
    RolloutExperimentStep.Template template = new RolloutExperimentStep.Template();
    template.name = name;
    template.specRef = ref;
    return template;
  }

  private static String image(ExperimentTemplate template) {
    return template.template.getSpec().getContainers().get(0).getImage();
  }
}
