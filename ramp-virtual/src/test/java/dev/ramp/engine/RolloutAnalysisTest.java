package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.analysis;
import static dev.ramp.engine.Fixtures.analysisTemplate;
import static dev.ramp.engine.Fixtures.revisionRef;
import static dev.ramp.engine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.analysis.Argument;
import dev.ramp.api.analysis.RolloutAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Analysis steps and background analysis, with run verdicts set by the test. */
class RolloutAnalysisTest {

  /** Deployed at v1 with a step analysis as step 2. */
  private static World deployedWithStepAnalysis() {
    Rollout rollout = rollout("checkout", 4, "demo:v1", CanaryStep.weight(25),
        CanaryStep.analysis(analysis("error-rate", revisionRef())), CanaryStep.weight(50));
    World world = new World(rollout);
    world.templates.put("error-rate", analysisTemplate("errors", new Argument("revision", null)));
    world.runUntilStable();
    return world;
  }

  /** Deployed at v1 with a step analysis as step 2, then v2 shipped. */
  private static World withStepAnalysis() {
    World world = deployedWithStepAnalysis();
    world.setImage("demo:v2");
    world.runUntilStable();
    return world;
  }

  @Test
  void anAnalysisStepCreatesARunWithItsArgumentsAndEndsWhenItSucceeds() {
    World world = withStepAnalysis();
    String v2 = world.status().updatedRevision;

    AnalysisRunView run = world.run("1");
    assertThat(run.name()).isEqualTo("checkout-" + v2 + "-1");
    assertThat(world.analysisRun("1").getSpec().metrics).extracting(m -> m.name)
        .containsExactly("errors");
    assertThat(world.analysisRun("1").getSpec().args).extracting(a -> a.name + "=" + a.value)
        .containsExactly("revision=" + v2);
    assertThat(world.status().currentStepIndex).isEqualTo(1);
    assertThat(world.status().canary.currentStepAnalysisRun).isEqualTo(run.name());
    assertThat(world.status().phase).isEqualTo("Progressing");

    world.finishRun("1", AnalysisPhase.Successful, null);
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(world.runNamed(run.name()).terminated())
        .as("a run that ended on its own is left as it ended").isFalse();
    assertThat(world.runNamed(run.name()).phase()).isEqualTo(AnalysisPhase.Successful);
  }

  @Test
  void aFailedRunAbortsTheRolloutWithTheFailingMetricInTheEvent() {
    World world = withStepAnalysis();
    String v1 = world.status().stableRevision;

    world.finishRun("1", AnalysisPhase.Failed,
        "metric errors failed: value 0.2 (successCondition result < 0.05 is false)");
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Aborted");
    assertThat(world.status().message).contains("analysis run checkout-",
        "metric errors failed: value 0.2");
    assertThat(world.events).filteredOn(e -> e.reason().equals("AnalysisRunFailed"))
        .singleElement().satisfies(e -> {
          assertThat(e.warning()).isTrue();
          assertThat(e.message()).contains("value 0.2");
        });
    assertThat(world.rs(world.status().updatedRevision).replicas()).isZero();
    assertThat(world.rs(v1).replicas()).isEqualTo(4);
    assertThat(world.analysisRuns()).allMatch(r -> Boolean.TRUE.equals(r.getSpec().terminate));
  }

  /** Notifications key on both Events: the decision that sees the verdict reports both. */
  @Test
  void theDecisionThatSeesAFailedRunReportsTheRunThenTheAbort() {
    World world = withStepAnalysis();
    String v1 = world.status().stableRevision;
    String run = world.run("1").name();
    world.finishRun("1", AnalysisPhase.Failed, "metric errors failed");

    Plan plan = world.reconcile();

    String abortMessage = "Rollout aborted: analysis run " + run + " failed: metric errors failed."
        + " All traffic and replicas are back on stable revision " + v1;
    assertThat(plan.events()).extracting(RolloutEvent::warning, RolloutEvent::reason,
            RolloutEvent::message)
        .startsWith(
            tuple(true, "AnalysisRunFailed", "Analysis run " + run + " failed: metric errors failed"),
            tuple(true, "RolloutAborted", abortMessage));
    assertThat(plan.status().phase).isEqualTo("Aborted");
    assertThat(plan.status().abort).isTrue();
    assertThat(plan.status().message).isEqualTo(abortMessage);
  }

  @ParameterizedTest
  @CsvSource({"Successful, Healthy", "Failed, Aborted"})
  void aControllerThatDiesAfterStoppingAFinishedRunStillActsOnItsVerdict(AnalysisPhase verdict,
      String phase) {
    World world = withStepAnalysis();
    world.finishRun("1", verdict, null);
    // the decision's actions (the run stopped among them) are applied; its status is never written
    RolloutEngine.decide(world.snapshot(), world.now).actions().forEach(world::apply);

    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo(phase);
    assertThat(world.analysisRuns()).as("the analysis is not run again").hasSize(1);
  }

  /**
   * Ships demo:v2 until the decision that reaches the analysis step creates its run, and applies
   * that decision's actions without ever writing its status.
   */
  private static void createRunUnderALostStatusWrite(World world) {
    world.setImage("demo:v2");
    for (int i = 0; world.analysisRuns().isEmpty() && i < 100; i++) {
      Plan plan = RolloutEngine.decide(world.snapshot(), world.now);
      if (plan.actions().stream().anyMatch(a -> a instanceof Action.CreateAnalysisRun)) {
        plan.actions().forEach(world::apply);
      } else {
        world.reconcile();
        world.settlePods();
      }
    }
  }

  /**
   * The decision that reaches the analysis step creates its run, and then its status write is
   * lost (a cut connection): the next decision still sees the step before, and does not move on
   * at once. It must not stop the run as unneeded, or the analysis would start over in a second
   * run once the rollout gets there again.
   */
  @Test
  void aRunCreatedByADecisionWhoseStatusWasLostIsKeptForItsStep() {
    World world = deployedWithStepAnalysis();
    createRunUnderALostStatusWrite(world);
    assertThat(world.analysisRuns()).hasSize(1);
    assertThat(world.status().currentStepIndex).as("the status is a step behind").isZero();
    // and the next decision does not move on at once: a canary pod is not ready for a moment
    String canary = world.status().updatedRevision;
    world.setAvailable(canary, world.rs(canary).availableReplicas() - 1);
    world.reconcile();

    world.runUntilStable();

    AnalysisRunView run = world.run("1");
    assertThat(world.analysisRuns()).as("the analysis is not started again").hasSize(1);
    assertThat(run.terminated()).isFalse();
    assertThat(world.status().canary.currentStepAnalysisRun).isEqualTo(run.name());
    world.finishRun("1", AnalysisPhase.Successful, null);
    world.runUntilStable();
    assertThat(world.status().phase).isEqualTo("Healthy");
  }

  /**
   * Two decisions whose status writes are lost (a controller killed after each one's actions,
   * or their answers lost): the first reaches the analysis step and creates its run, which then
   * succeeds; the second moves past the step. The status still shows the step before and names
   * no run: the next decision must find the run's verdict, not start the analysis over in a
   * second run and take the canary back to the step's weight meanwhile.
   */
  @Test
  void aRunThatSucceededUnderDecisionsWhoseStatusWasLostIsNotRunAgain() {
    World world = deployedWithStepAnalysis();
    createRunUnderALostStatusWrite(world);
    world.finishRun("1", AnalysisPhase.Successful, null);
    Plan movesOn = RolloutEngine.decide(world.snapshot(), world.now);
    assertThat(movesOn.status().currentStepIndex).as("past the analysis step").isEqualTo(2);
    movesOn.actions().forEach(world::apply); // nor is the status of this one
    assertThat(world.status().currentStepIndex).as("the status is two steps behind").isZero();
    assertThat(world.status().canary.currentStepAnalysisRun).isNull();

    world.runUntilStable();

    assertThat(world.analysisRuns()).as("the analysis is not run again").hasSize(1);
    assertThat(world.run("1").phase()).isEqualTo(AnalysisPhase.Successful);
    assertThat(world.status().phase).isEqualTo("Healthy");
  }

  @Test
  void retryAfterAnAbortRunsAFreshAnalysis() {
    World world = withStepAnalysis();
    world.finishRun("1", AnalysisPhase.Failed, "bad");
    world.runUntilStable();

    world.status().abort = false;
    world.runUntilStable();

    assertThat(world.analysisRuns()).hasSize(2);
    AnalysisRunView fresh = world.run("1");
    assertThat(fresh.name()).endsWith("-1.2");
    assertThat(fresh.terminated()).isFalse();
    assertThat(fresh.phase()).as("not measured yet").isEqualTo(AnalysisPhase.Pending);
    assertThat(world.status().phase).isEqualTo("Progressing");
  }

  @Test
  void anInconclusiveRunPausesForAPersonAndPromoteContinues() {
    World world = withStepAnalysis();
    world.finishRun("1", AnalysisPhase.Inconclusive, "neither condition is true");
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Paused");
    assertThat(world.status().pauseConditions).extracting(p -> p.reason)
        .containsExactly("InconclusiveAnalysis");

    world.promote();
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Healthy");
  }

  @Test
  void anInconclusiveRunCanBeAbortedInstead() {
    World world = withStepAnalysis();
    world.finishRun("1", AnalysisPhase.Inconclusive, "neither condition is true");
    world.runUntilStable();

    world.status().abort = true;
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Aborted");
  }

  @Test
  void backgroundAnalysisStartsAtItsStepAndAbortsTheRolloutWhenItFails() {
    RolloutAnalysis background = analysis("error-rate", new Argument("revision", "any"));
    background.startingStep = 1;
    Rollout rollout = rollout("checkout", 2, "demo:v1", CanaryStep.weight(50),
        CanaryStep.pause(null), CanaryStep.weight(100));
    rollout.getSpec().strategy.canary.analysis = background;
    World world = new World(rollout);
    world.templates.put("error-rate", analysisTemplate("errors", new Argument("revision", null)));
    world.runUntilStable();
    world.setImage("demo:v2");
    world.reconcile();
    assertThat(world.run("background")).as("not before startingStep").isNull();
    world.runUntilStable();
    assertThat(world.status().canary.backgroundAnalysisRun).isEqualTo(
        world.run("background").name());

    world.finishRun("background", AnalysisPhase.Failed, "metric errors failed: value 0.3");
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Aborted");
    assertThat(world.status().message).contains("value 0.3");
  }

  @Test
  void backgroundAnalysisStopsWhenTheRolloutCompletes() {
    Rollout rollout = rollout("checkout", 2, "demo:v1", CanaryStep.weight(50));
    rollout.getSpec().strategy.canary.analysis =
        analysis("error-rate", new Argument("revision", "any"));
    World world = new World(rollout);
    world.templates.put("error-rate", analysisTemplate("errors", new Argument("revision", null)));
    world.runUntilStable();
    world.setImage("demo:v2");
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(world.run("background").terminated()).isTrue();
    assertThat(world.status().canary.backgroundAnalysisRun).isNull();
  }

  @Test
  void aNewRevisionStopsTheRunsOfTheOldOne() {
    World world = withStepAnalysis();
    AnalysisRunView old = world.run("1");

    world.setImage("demo:v3");
    world.runUntilStable();

    assertThat(world.runNamed(old.name()).terminated()).isTrue();
    assertThat(world.run("1").name()).isNotEqualTo(old.name());
  }

  @Test
  void aMissingTemplateOrArgumentIsAnInvalidSpec() {
    Rollout rollout = rollout("checkout", 2, "demo:v1",
        CanaryStep.analysis(analysis("nowhere")));
    World world = new World(rollout);
    world.runUntilStable();
    assertThat(world.status().phase).isEqualTo("Degraded");
    assertThat(world.status().message).contains(
        "spec.strategy.canary.steps[0].analysis: AnalysisTemplate \"nowhere\" does not exist");

    world.templates.put("nowhere", analysisTemplate("errors", new Argument("revision", null)));
    world.runUntilStable();
    assertThat(world.status().message).contains(
        "spec.strategy.canary.steps[0].analysis: analysis argument revision has no value");
  }
}
