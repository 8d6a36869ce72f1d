package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.analysis;
import static dev.ramp.engine.Fixtures.analysisTemplate;
import static dev.ramp.engine.Fixtures.blueGreen;
import static dev.ramp.engine.Fixtures.revisionRef;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.BlueGreenStrategy;
import dev.ramp.api.CanaryStep;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.PauseCondition;
import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.analysis.Argument;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Blue-green rollouts: preview, promotion, the switch, and switching back. */
class BlueGreenTest {
  private static final String ACTIVE = "checkout-active";
  private static final String PREVIEW = "checkout-preview";

  private static World world(Rollout rollout) {
    World world = new World(rollout);
    world.addService(ACTIVE);
    world.addService(PREVIEW);
    world.templates.put("smoke", analysisTemplate("smoke", new Argument("revision", null)));
    world.runUntilStable();
    return world;
  }

  private static World deployed(int replicas) {
    return world(blueGreen("checkout", replicas, "demo:v1"));
  }

  private static BlueGreenStrategy strategy(World world) {
    return world.rollout.getSpec().strategy.blueGreen;
  }

  private static String active(World world) {
    return world.service(ACTIVE).pinnedHash();
  }

  private static String preview(World world) {
    return world.service(PREVIEW).pinnedHash();
  }

  /**
   * Lets pods come up and reconciles, one decision at a time, and checks after every
   * decision that the active Service never selects a revision that does not have all its pods
   * available (the switch waits for them).
   */
  private static void stepUntilStable(World world) {
    for (int i = 0; i < 100; i++) {
      world.settlePods();
      String before = Json.write(world.status());
      Plan plan = world.reconcile();
      String selected = active(world);
      ReplicaSetView rs = world.rs(selected);
      assertThat(rs.availableReplicas()).as("available pods of active revision %s", selected)
          .isGreaterThanOrEqualTo(world.rollout.getSpec().replicas);
      if (plan.actions().isEmpty() && before.equals(Json.write(world.status()))) {
        return;
      }
    }
    throw new AssertionError("never settled: " + world.status().message);
  }

  @Test
  void firstDeployPointsBothServicesAtTheOnlyRevision() {
    World world = deployed(3);

    String v1 = world.status().stableRevision;
    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(active(world)).isEqualTo(v1);
    assertThat(preview(world)).as("no new revision: preview shows the active one").isEqualTo(v1);
    assertThat(world.status().blueGreen.activeSelector).isEqualTo(v1);
    assertThat(world.status().blueGreen.previewSelector).isEqualTo(v1);
    assertThat(world.status().canary).isNull();
  }

  @Test
  void autoPromotionSwitchesOnceTheNewRevisionIsFullyAvailable() {
    World world = deployed(3);
    String v1 = world.status().stableRevision;
    world.setImage("demo:v2");

    world.reconcile();
    String v2 = world.status().updatedRevision;
    assertThat(world.rs(v2).replicas()).as("the new revision starts in full").isEqualTo(3);
    assertThat(active(world)).isEqualTo(v1);
    assertThat(preview(world)).as("no available pods yet").isEqualTo(v1);

    world.setAvailable(v2, 2);
    world.reconcile();
    assertThat(preview(world)).isEqualTo(v2);
    assertThat(active(world)).as("2/3 pods are not enough to switch").isEqualTo(v1);

    stepUntilStable(world);
    assertThat(active(world)).isEqualTo(v2);
    assertThat(preview(world)).isEqualTo(v2);
    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(world.status().stableRevision).isEqualTo(v2);
    assertThat(world.events).anyMatch(e -> e.reason().equals("SwitchService")
        && e.message().equals("Service " + ACTIVE + " now selects revision " + v2));
  }

  @Test
  void thePreviousRevisionStaysWarmForScaleDownDelayAfterTheSwitch() {
    World world = deployed(3);
    String v1 = world.status().stableRevision;
    strategy(world).scaleDownDelaySeconds = 60;
    world.setImage("demo:v2");
    world.runUntilStable();

    assertThat(world.rs(v1).replicas()).isEqualTo(3);
    world.advance(Duration.ofSeconds(59));
    world.runUntilStable();
    assertThat(world.rs(v1).replicas()).isEqualTo(3);
    world.advance(Duration.ofSeconds(1));
    world.runUntilStable();
    assertThat(world.rs(v1).replicas()).isZero();
  }

  @Test
  void withoutAutoPromotionItWaitsForAPerson() {
    World world = deployed(3);
    String v1 = world.status().stableRevision;
    strategy(world).autoPromotionEnabled = false;
    world.setImage("demo:v2");
    world.runUntilStable();

    String v2 = world.status().updatedRevision;
    assertThat(world.status().phase).isEqualTo("Paused");
    assertThat(world.status().pauseConditions).extracting(p -> p.reason)
        .containsExactly(PauseCondition.BLUE_GREEN_PAUSE);
    assertThat(world.status().message).contains("waiting for promotion");
    assertThat(preview(world)).isEqualTo(v2);
    assertThat(active(world)).isEqualTo(v1);

    world.promote();
    stepUntilStable(world);
    assertThat(active(world)).isEqualTo(v2);
    assertThat(world.status().phase).isEqualTo("Healthy");
  }

  @Test
  void autoPromotionSecondsWaitBeforeTheSwitch() {
    World world = deployed(2);
    String v1 = world.status().stableRevision;
    strategy(world).autoPromotionSeconds = 45;
    world.setImage("demo:v2");
    world.runUntilStable();

    assertThat(world.status().message).contains("auto-promotion in 45s");
    assertThat(active(world)).isEqualTo(v1);
    world.advance(Duration.ofSeconds(45));
    stepUntilStable(world);
    assertThat(active(world)).isEqualTo(world.status().updatedRevision);
  }

  @Test
  void aSmallPreviewIsScaledToFullSizeBeforeTheSwitch() {
    World world = deployed(4);
    String v1 = world.status().stableRevision;
    strategy(world).previewReplicaCount = 1;
    strategy(world).autoPromotionEnabled = false;
    world.setImage("demo:v2");
    world.runUntilStable();

    String v2 = world.status().updatedRevision;
    assertThat(world.rs(v2).replicas()).isEqualTo(1);
    assertThat(world.rs(v1).replicas()).isEqualTo(4);
    assertThat(preview(world)).isEqualTo(v2);

    world.promote();
    world.reconcile();
    assertThat(world.rs(v2).replicas()).isEqualTo(4);
    assertThat(active(world)).as("3 of 4 pods are still starting").isEqualTo(v1);
    stepUntilStable(world);
    assertThat(active(world)).isEqualTo(v2);
  }

  @Test
  void aFailedPrePromotionAnalysisAbortsWithoutTouchingTheActiveService() {
    World world = deployed(3);
    String v1 = world.status().stableRevision;
    strategy(world).prePromotionAnalysis = analysis("smoke", revisionRef());
    strategy(world).abortScaleDownDelaySeconds = 20;
    world.setImage("demo:v2");
    world.runUntilStable();

    String v2 = world.status().updatedRevision;
    AnalysisRunView run = world.run("pre");
    assertThat(run.name()).isEqualTo("checkout-" + v2 + "-pre");
    assertThat(world.analysisRun("pre").getSpec().args).extracting(a -> a.value).containsExactly(v2);
    assertThat(world.status().blueGreen.prePromotionAnalysisRun).isEqualTo(run.name());
    assertThat(preview(world)).isEqualTo(v2);

    world.finishRun("pre", AnalysisPhase.Failed, "error rate 0.3");
    world.runUntilStable();
    assertThat(world.status().phase).isEqualTo("Aborted");
    assertThat(active(world)).isEqualTo(v1);
    assertThat(preview(world)).isEqualTo(v1);
    assertThat(world.rs(v2).replicas()).as("kept for abortScaleDownDelaySeconds").isEqualTo(3);
    world.advance(Duration.ofSeconds(20));
    world.runUntilStable();
    assertThat(world.rs(v2).replicas()).isZero();
    assertThat(world.rs(v1).replicas()).isEqualTo(3);
  }

  @Test
  void aSuccessfulPrePromotionAnalysisLetsThePromotionGoAhead() {
    World world = deployed(3);
    strategy(world).prePromotionAnalysis = analysis("smoke", revisionRef());
    world.setImage("demo:v2");
    world.runUntilStable();
    assertThat(world.status().phase).isEqualTo("Progressing");

    world.finishRun("pre", AnalysisPhase.Successful, null);
    stepUntilStable(world);
    assertThat(active(world)).isEqualTo(world.status().updatedRevision);
    assertThat(world.run("pre").terminated()).as("a run that ended on its own is left as it ended")
        .isFalse();
    assertThat(world.run("pre").phase()).isEqualTo(AnalysisPhase.Successful);
  }

  @Test
  void aFailedPostPromotionAnalysisSwitchesBackToThePreviousRevision() {
    World world = deployed(3);
    String v1 = world.status().stableRevision;
    strategy(world).postPromotionAnalysis = analysis("smoke", revisionRef());
    world.setImage("demo:v2");
    stepUntilStable(world);

    String v2 = world.status().updatedRevision;
    assertThat(active(world)).as("switched, under post-promotion analysis").isEqualTo(v2);
    assertThat(world.status().stableRevision).as("not stable before the analysis passes")
        .isEqualTo(v1);
    assertThat(world.rs(v1).replicas()).as("previous revision kept whole").isEqualTo(3);
    assertThat(world.status().blueGreen.postPromotionAnalysisRun)
        .isEqualTo("checkout-" + v2 + "-post");

    world.finishRun("post", AnalysisPhase.Failed, "latency too high");
    world.reconcile();
    assertThat(active(world)).isEqualTo(v1);
    assertThat(world.status().phase).isEqualTo("Aborted");
    assertThat(world.status().message).contains("latency too high");
  }

  @Test
  void aSuccessfulPostPromotionAnalysisMakesTheNewRevisionStable() {
    World world = deployed(3);
    String v1 = world.status().stableRevision;
    strategy(world).postPromotionAnalysis = analysis("smoke", revisionRef());
    strategy(world).scaleDownDelaySeconds = 0;
    world.setImage("demo:v2");
    stepUntilStable(world);

    world.finishRun("post", AnalysisPhase.Successful, null);
    stepUntilStable(world);
    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(world.status().stableRevision).isEqualTo(world.status().updatedRevision);
    assertThat(world.rs(v1).replicas()).isZero();
  }

  @Test
  void abortBeforePromotionThenRetry() {
    World world = deployed(3);
    String v1 = world.status().stableRevision;
    strategy(world).autoPromotionEnabled = false;
    strategy(world).abortScaleDownDelaySeconds = 0;
    world.setImage("demo:v2");
    world.runUntilStable();
    String v2 = world.status().updatedRevision;

    world.status().abort = true;
    world.runUntilStable();
    assertThat(world.status().phase).isEqualTo("Aborted");
    assertThat(active(world)).isEqualTo(v1);
    assertThat(preview(world)).isEqualTo(v1);
    assertThat(world.rs(v2).replicas()).isZero();

    world.status().abort = false;
    world.runUntilStable();
    assertThat(world.status().phase).isEqualTo("Paused");
    assertThat(preview(world)).isEqualTo(v2);
    assertThat(active(world)).isEqualTo(v1);
  }

  @Test
  void promoteFullSkipsThePauseAndTheAnalyses() {
    World world = deployed(3);
    strategy(world).autoPromotionEnabled = false;
    strategy(world).prePromotionAnalysis = analysis("smoke", revisionRef());
    world.setImage("demo:v2");
    world.runUntilStable();

    world.status().promoteFull = true;
    stepUntilStable(world);
    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(active(world)).isEqualTo(world.status().updatedRevision);
  }

  @Test
  void fromCanaryToBlueGreenWhenHealthyKeepsServingTheStableRevision() {
    World world = world(Fixtures.rollout("checkout", 3, "demo:v1", CanaryStep.weight(50)));
    String v1 = world.status().stableRevision;
    world.rollout.getSpec().strategy = blueGreen("checkout", 3, "demo:v1").getSpec().strategy;
    world.bumpGeneration();

    Plan plan = world.reconcile();
    assertThat(plan.actions()).allMatch(a -> a instanceof Action.PinService);
    assertThat(active(world)).isEqualTo(v1);
    assertThat(world.rs(v1).replicas()).isEqualTo(3);
    assertThat(world.status().phase).isEqualTo("Healthy");

    world.setImage("demo:v2");
    stepUntilStable(world);
    assertThat(active(world)).isEqualTo(world.status().updatedRevision);
  }

  @Test
  void changingTheStrategyMidWayStartsTheNewStrategysStepsAgain() {
    Rollout rollout = Fixtures.rollout("checkout", 4, "demo:v1", CanaryStep.weight(25),
        CanaryStep.pause(null));
    rollout.getSpec().strategy.canary.stableService = ACTIVE;
    World world = world(rollout);
    String v1 = world.status().stableRevision;
    world.setImage("demo:v2");
    world.runUntilStable();
    assertThat(world.status().currentStepIndex).isEqualTo(1);

    BlueGreenStrategy blueGreen = new BlueGreenStrategy();
    blueGreen.activeService = ACTIVE;
    blueGreen.autoPromotionEnabled = false;
    world.rollout.getSpec().strategy.canary = null;
    world.rollout.getSpec().strategy.blueGreen = blueGreen;
    world.bumpGeneration();
    world.runUntilStable();

    assertThat(world.events).anyMatch(e -> e.reason().equals("StrategyChanged"));
    assertThat(world.status().phase).isEqualTo("Paused");
    assertThat(world.status().message).contains("waiting for promotion");
    assertThat(world.rs(world.status().updatedRevision).replicas()).isEqualTo(4);
    assertThat(active(world)).isEqualTo(v1);

    // and back to a canary: its steps start over as well
    CanaryStrategy canary = new CanaryStrategy();
    canary.stableService = ACTIVE;
    canary.steps = List.of(CanaryStep.weight(50), CanaryStep.pause(null));
    world.rollout.getSpec().strategy.blueGreen = null;
    world.rollout.getSpec().strategy.canary = canary;
    world.bumpGeneration();
    world.runUntilStable();
    assertThat(world.status().currentStepIndex).isEqualTo(1);
    assertThat(world.rs(world.status().updatedRevision).replicas()).isEqualTo(2);
    assertThat(active(world)).isEqualTo(v1);
  }

  @Test
  void aPreviewThatNeverBecomesReadyHitsTheProgressDeadline() {
    World world = deployed(2);
    String v1 = world.status().stableRevision;
    world.rollout.getSpec().progressDeadlineSeconds = 60;
    world.setImage("demo:v2-broken");
    world.runUntilStable();
    world.advance(Duration.ofSeconds(61));
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Degraded");
    assertThat(active(world)).isEqualTo(v1);
    assertThat(preview(world)).isEqualTo(v1);
  }
}
