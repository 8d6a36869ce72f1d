package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.analysis;
import static dev.ramp.engine.Fixtures.analysisTemplate;
import static dev.ramp.engine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ramp.api.CanaryStep;
import dev.ramp.api.PauseCondition;
import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisRunStatus;
import dev.ramp.api.analysis.AnalysisTemplateSpec;
import dev.ramp.api.analysis.CompareMeasurement;
import dev.ramp.api.analysis.Measurement;
import dev.ramp.api.analysis.MetricResult;
import dev.ramp.api.analysis.RolloutAnalysis;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Promotion waits for the judge's evidence: a canary whose background analysis has a compare
 * metric holds its weight until the judge accepts, and the judge keeps watching after full
 * promotion while the previous ReplicaSet is up. The judge's measurements are written by the
 * test, as the AnalysisRun controller would.
 */
class JudgeGateTest {
  /** Reads as the Kubernetes client does: unknown fields are left aside. */
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** The judge as a user writes it: a compare metric, most of its fields left out. */
  private static final String JUDGE = """
      metrics:
        - name: errors
          interval: 10s
          provider:
            compare:
              canaryRevision: canary
              stableRevision: stable
              somethingNewer: ignored
              prometheus:
                address: http://prometheus.monitoring:9090
                events: sum(http_requests_total{revision="{{revision}}",code=~"5.."})
                requests: sum(http_requests_total{revision="{{revision}}"})
      """;

  /** 20% for a minute, then 50% for a minute: a judge in the background unless told. */
  private static World shipping(RolloutAnalysis background, CanaryStep... steps) {
    Rollout rollout = rollout("checkout", 4, "demo:v1", steps.length > 0 ? steps
        : new CanaryStep[] {CanaryStep.weight(20), CanaryStep.pause("1m"), CanaryStep.weight(50),
            CanaryStep.pause("1m")});
    rollout.getSpec().strategy.canary.analysis = background;
    World world = World.routed(rollout);
    world.templates.put("judge", judgeTemplate());
    world.templates.put("error-rate", analysisTemplate("errors"));
    world.runUntilStable();
    world.setImage("demo:v2");
    world.runUntilStable();
    return world;
  }

  private static World shippingWithJudge(CanaryStep... steps) {
    return shipping(analysis("judge"), steps);
  }

  private static AnalysisTemplateSpec judgeTemplate() {
    try {
      return YAML.readValue(JUDGE, AnalysisTemplateSpec.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Lets the scheduled pauses pass, one minute at a time. */
  private static void waitMinutes(World world, int minutes) {
    for (int i = 0; i < minutes; i++) {
      world.advance(Duration.ofMinutes(1));
      world.runUntilStable();
    }
  }

  /** The background judge's latest measurement, as the AnalysisRun controller writes it. */
  private static void judgeMeasured(World world, String runPhase, String phase,
      Long moreRequestsNeeded) {
    judgeMeasured(world, runPhase, measurement(phase, moreRequestsNeeded));
  }

  private static Measurement measurement(String phase, Long moreRequestsNeeded) {
    Measurement measurement = new Measurement();
    measurement.phase = phase;
    measurement.compare = new CompareMeasurement();
    measurement.compare.moreRequestsNeeded = moreRequestsNeeded;
    return measurement;
  }

  /** The background judge's measurements so far, oldest first. */
  private static void judgeMeasured(World world, String runPhase, Measurement... measurements) {
    MetricResult result = new MetricResult();
    result.name = "errors";
    result.phase = runPhase;
    result.measurements = List.of(measurements);
    AnalysisRunStatus status = new AnalysisRunStatus();
    status.phase = runPhase;
    status.metricResults = List.of(result);
    world.setRunStatus(world.run("background").name(), status);
  }

  private static void judgeUndecided(World world, long moreRequestsNeeded) {
    judgeMeasured(world, "Running", "Inconclusive", moreRequestsNeeded);
  }

  private static void judgeAccepts(World world) {
    judgeMeasured(world, "Running", "Successful", null);
  }

  private static List<String> reasons(World world) {
    return world.events.stream().map(RolloutEvent::reason).toList();
  }

  @Test
  void theLastStepHoldsItsWeightUntilTheJudgeAcceptsThenTheCanaryIsPromoted() {
    World world = shippingWithJudge();
    String v1 = world.status().stableRevision;
    String v2 = world.status().updatedRevision;
    waitMinutes(world, 3);

    assertThat(world.status().phase).isEqualTo("Progressing");
    assertThat(world.status().currentStepIndex).as("holding at the last step").isEqualTo(3);
    assertThat(world.status().stableRevision).isEqualTo(v1);
    assertThat(world.router().canaryWeight()).isEqualTo(50);
    assertThat(world.status().message)
        .isEqualTo("Waiting for the judge at 50%: the judge has not measured yet");
    assertThat(reasons(world)).contains("AwaitingAcceptance").doesNotContain("RolloutCompleted");

    judgeUndecided(world, 1_800);
    world.runUntilStable();
    assertThat(world.status().message).isEqualTo(
        "Waiting for the judge at 50%: about 1,800 more canary requests needed");
    assertThat(world.router().canaryWeight()).isEqualTo(50);

    Measurement failedReading = new Measurement();
    failedReading.phase = "Error";
    failedReading.message = "Prometheus did not answer";
    judgeMeasured(world, "Running", measurement("Inconclusive", 1_700L), failedReading);
    world.runUntilStable();
    assertThat(world.status().message).as("a failed reading has no numbers: the last ones hold")
        .isEqualTo("Waiting for the judge at 50%: about 1,700 more canary requests needed");

    judgeAccepts(world);
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(world.status().stableRevision).isEqualTo(v2);
    assertThat(world.service("checkout-stable").pinnedHash()).isEqualTo(v2);
    assertThat(world.status().canary.awaitingAcceptanceSince).isNull();
    assertThat(reasons(world)).containsSubsequence("AwaitingAcceptance", "JudgeAccepted",
        "RolloutCompleted");
  }

  @Test
  void aStepSettingTheFullWeightWaitsForTheJudgeToo() {
    World world = shippingWithJudge(CanaryStep.weight(30), CanaryStep.pause("1m"),
        CanaryStep.weight(100));
    waitMinutes(world, 2);

    assertThat(world.status().currentStepIndex).isEqualTo(1);
    assertThat(world.router().canaryWeight()).isEqualTo(30);
    assertThat(world.status().message).startsWith("Waiting for the judge at 30%");

    judgeAccepts(world);
    world.runUntilStable();
    assertThat(world.status().phase).isEqualTo("Healthy");
  }

  @Test
  void afterMaxWaitThePauseIsForAPersonAndPromoteGoesOnToFullPromotion() {
    RolloutAnalysis background = analysis("judge");
    background.maxWait = new IntOrString("30m");
    World world = shipping(background);
    waitMinutes(world, 2);
    judgeUndecided(world, 1_800);
    world.runUntilStable();
    waitMinutes(world, 29);
    assertThat(world.status().phase).as("29 minutes into the hold").isEqualTo("Progressing");

    waitMinutes(world, 1);

    assertThat(world.status().phase).isEqualTo("Paused");
    assertThat(world.status().pauseConditions).extracting(p -> p.reason)
        .containsExactly(PauseCondition.INCONCLUSIVE_ANALYSIS);
    String said = "the judge has not accepted after 30m: about 1,800 more canary requests"
        + " needed; promote to continue, or abort";
    assertThat(world.status().message).endsWith(said);
    assertThat(world.events).filteredOn(RolloutEvent::warning)
        .extracting(RolloutEvent::reason, RolloutEvent::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("AnalysisRunInconclusive",
            "T" + said.substring(1)));
    assertThat(world.router().canaryWeight()).isEqualTo(50);

    world.promote();
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(world.status().stableRevision).isEqualTo(world.status().updatedRevision);
  }

  @Test
  void anAwaitAcceptanceStepHoldsAtItsPlaceInTheSteps() {
    RolloutAnalysis background = analysis("judge");
    background.awaitAcceptance = false;
    World world = shipping(background, CanaryStep.weight(10), CanaryStep.awaitAcceptance("10m"),
        CanaryStep.weight(50), CanaryStep.pause("1m"));

    assertThat(world.status().currentStepIndex).isEqualTo(1);
    assertThat(world.router().canaryWeight()).isEqualTo(10);
    assertThat(world.status().message).startsWith("Waiting for the judge at 10%");

    judgeAccepts(world);
    world.runUntilStable();
    assertThat(world.status().currentStepIndex).isEqualTo(3);
    assertThat(world.router().canaryWeight()).isEqualTo(50);

    judgeUndecided(world, 500);
    waitMinutes(world, 1);
    assertThat(world.status().phase)
        .as("awaitAcceptance: false promotes on schedule after the step").isEqualTo("Healthy");
  }

  @Test
  void anAwaitAcceptanceStepUsesItsOwnMaxWait() {
    World world = shippingWithJudge(CanaryStep.weight(10), CanaryStep.awaitAcceptance("10m"),
        CanaryStep.weight(50));
    waitMinutes(world, 10);

    assertThat(world.status().phase).isEqualTo("Paused");
    assertThat(world.status().message).contains("the judge has not accepted after 10m: the"
        + " judge has not measured yet");
  }

  @Test
  void withAwaitAcceptanceFalseTheStepsPromoteOnTheirSchedule() {
    RolloutAnalysis background = analysis("judge");
    background.awaitAcceptance = false;
    World world = shipping(background);
    judgeUndecided(world, 5_000);
    waitMinutes(world, 2);

    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(reasons(world)).doesNotContain("AwaitingAcceptance");
  }

  @Test
  void aBackgroundAnalysisWithoutACompareMetricPromotesAsBefore() {
    World world = shipping(analysis("error-rate"));
    waitMinutes(world, 2);

    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(reasons(world)).doesNotContain("AwaitingAcceptance");
    assertThat(world.status().canary.rollbackRevision).isNull();
  }

  @Test
  void holdingForTheJudgeIsNotAStall() {
    World world = shippingWithJudge();
    world.rollout.getSpec().progressDeadlineSeconds = 60;
    waitMinutes(world, 2);
    judgeUndecided(world, 9_000);
    waitMinutes(world, 15);

    assertThat(world.status().phase).isEqualTo("Progressing");
    assertThat(world.conditionReason("Progressing")).isEqualTo("RolloutProgressing");
    assertThat(reasons(world)).doesNotContain("ProgressDeadlineExceeded");
  }

  @Test
  void theHoldsStartIsKeptInTheStatusSoARestartDoesNotStartMaxWaitAgain() {
    RolloutAnalysis background = analysis("judge");
    background.maxWait = new IntOrString("30m");
    World world = shipping(background);
    waitMinutes(world, 2);
    String since = world.status().canary.awaitingAcceptanceSince;
    assertThat(since).isEqualTo(Times.format(world.now));
    waitMinutes(world, 20);

    // a new controller knows only what the API server gives it back
    world.rollout.setStatus(Json.copy(world.status()));
    waitMinutes(world, 9);
    assertThat(world.status().canary.awaitingAcceptanceSince).isEqualTo(since);
    assertThat(world.status().phase).isEqualTo("Progressing");
    waitMinutes(world, 1);

    assertThat(world.status().phase).isEqualTo("Paused");
  }

  @Test
  void aFailedVerdictAfterPromotionSendsTrafficAndReplicasBackWhileThePreviousReplicaSetIsUp() {
    World world = shippingWithJudge();
    String v1 = world.status().stableRevision;
    String v2 = world.status().updatedRevision;
    waitMinutes(world, 2);
    judgeAccepts(world);
    world.runUntilStable();
    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(world.status().canary.rollbackRevision).isEqualTo(v1);
    assertThat(world.rs(v1).replicas()).as("scaled down only after scaleDownDelay").isEqualTo(4);
    assertThat(world.status().message).endsWith(
        "the judge watches it until revision " + v1 + " is scaled down");
    assertThat(world.run("background").terminated()).isFalse();
    assertThat(world.run("background").canaryWeight()).as("the judge sees all traffic on it")
        .isEqualTo(100);

    judgeMeasured(world, "Failed", "Failed", null);
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Aborted");
    assertThat(world.status().stableRevision).isEqualTo(v1);
    assertThat(world.status().updatedRevision).isEqualTo(v2);
    assertThat(world.service("checkout-stable").pinnedHash()).isEqualTo(v1);
    assertThat(world.router().canaryWeight()).isZero();
    assertThat(world.rs(v1).replicas()).isEqualTo(4);
    assertThat(world.rs(v1).availableReplicas()).isEqualTo(4);
    assertThat(world.status().message).startsWith(
        "Rollout aborted: the judge failed revision " + v2 + " after its promotion")
        .endsWith("All traffic and replicas are back on stable revision " + v1);
    assertThat(world.events).filteredOn(RolloutEvent::warning).extracting(RolloutEvent::reason)
        .containsExactly("AnalysisRunFailed", "RolloutAborted");
  }

  @Test
  void withoutARouterThePreviousPodsAreReplacedBeforePromotionSoNothingIsLeftToGoBackTo() {
    Rollout rollout = rollout("checkout", 4, "demo:v1", CanaryStep.weight(50),
        CanaryStep.pause("1m"));
    rollout.getSpec().strategy.canary.analysis = analysis("judge");
    World world = new World(rollout);
    world.templates.put("judge", judgeTemplate());
    world.runUntilStable();
    world.setImage("demo:v2");
    world.runUntilStable();
    waitMinutes(world, 1);
    assertThat(world.status().message).startsWith("Waiting for the judge at 50%");

    judgeAccepts(world);
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(world.status().canary.rollbackRevision).isNull();
    assertThat(world.run("background").terminated()).isTrue();
  }

  @Test
  void onceThePreviousReplicaSetIsScaledDownTheJudgeNoLongerWatches() {
    World world = shippingWithJudge();
    String v1 = world.status().stableRevision;
    String v2 = world.status().updatedRevision;
    waitMinutes(world, 2);
    judgeAccepts(world);
    world.runUntilStable();
    String run = world.run("background").name();

    world.advance(Duration.ofSeconds(30));
    world.runUntilStable();

    assertThat(world.rs(v1).replicas()).isZero();
    assertThat(world.status().canary.rollbackRevision).isNull();
    assertThat(world.runNamed(run).terminated()).isTrue();
    assertThat(reasons(world)).contains("JudgeGuardEnded");

    judgeMeasured(world, "Failed", "Failed", null);
    world.runUntilStable();
    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(world.status().stableRevision).isEqualTo(v2);
  }
}
