package dev.ramp.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutSpec;
import dev.ramp.engine.Fixtures;
import dev.ramp.engine.WorkloadView;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a rollout does about each field its author leaves out. */
class EffectiveSpecTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String TEMPLATE = """
      "template": {"metadata": {"labels": {"app": "web"}},
                   "spec": {"containers": [{"name": "web", "image": "web:1"}]}}""";

  @Test
  void aCanaryThatSaysNothingButItsTemplateRunsOnePodAndArgoRolloutsTimings() {
    EffectiveSpec spec = effective("""
        {"selector": {"matchLabels": {"app": "web"}}, %s,
         "strategy": {"canary": {"someFutureField": true}}}""".formatted(TEMPLATE));

    assertThat(spec.replicas()).isEqualTo(1);
    assertThat(spec.steps().count()).isZero();
    assertThat(spec.progressDeadline()).isEqualTo(Duration.ofMinutes(10));
    assertThat(spec.progressDeadlineAbort()).isFalse();
    assertThat(spec.scaleDownDelay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(spec.abortScaleDownDelay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(spec.revisionHistoryLimit()).isEqualTo(10);
    assertThat(spec.userPaused()).isFalse();
    assertThat(spec.strategyName()).isEqualTo("canary");
    assertThat(spec.backgroundAnalysis()).isNull();
  }

  @Test
  void aRolloutWithNoMaxSurgeSurgesAQuarterRoundedUpAndLosesAQuarterRoundedDown() {
    EffectiveSpec spec = effective("""
        {"replicas": 10, "selector": {"matchLabels": {"app": "web"}}, %s,
         "strategy": {"canary": {}}}""".formatted(TEMPLATE));

    assertThat(spec.maxSurge()).isEqualTo(3);
    assertThat(spec.maxUnavailable()).isEqualTo(2);
  }

  @Test
  void noSurgeAndAShareOfUnavailablePodsTooSmallForOnePodStillLetsOnePodGo() {
    EffectiveSpec spec = effective("""
        {"replicas": 4, "selector": {"matchLabels": {"app": "web"}}, %s,
         "strategy": {"canary": {"maxSurge": 0, "maxUnavailable": "10%%"}}}"""
        .formatted(TEMPLATE));

    assertThat(spec.maxSurge()).isZero();
    assertThat(spec.maxUnavailable()).isEqualTo(1);
  }

  @Test
  void theFieldsTheAuthorSetAreKept() {
    EffectiveSpec spec = effective("""
        {"replicas": 3, "paused": true, "progressDeadlineSeconds": 90,
         "progressDeadlineAbort": true, "revisionHistoryLimit": 2,
         "selector": {"matchLabels": {"app": "web"}}, %s,
         "strategy": {"canary": {"maxSurge": "50%%", "maxUnavailable": 1,
           "scaleDownDelaySeconds": 5, "abortScaleDownDelaySeconds": 0,
           "steps": [{"setWeight": 20}, {"pause": {}}]}}}""".formatted(TEMPLATE));

    assertThat(spec.replicas()).isEqualTo(3);
    assertThat(spec.userPaused()).isTrue();
    assertThat(spec.progressDeadline()).isEqualTo(Duration.ofSeconds(90));
    assertThat(spec.progressDeadlineAbort()).isTrue();
    assertThat(spec.revisionHistoryLimit()).isEqualTo(2);
    assertThat(spec.maxSurge()).isEqualTo(2);
    assertThat(spec.maxUnavailable()).isEqualTo(1);
    assertThat(spec.scaleDownDelay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(spec.abortScaleDownDelay()).isZero();
    assertThat(spec.steps().count()).isEqualTo(2);
  }

  @Test
  void aCanaryWithoutARouterMovesPodsAsItMovesTraffic() {
    EffectiveSpec basic = effective("""
        {"selector": {"matchLabels": {"app": "web"}}, %s,
         "strategy": {"canary": {}}}""".formatted(TEMPLATE));
    EffectiveSpec routed = effective("""
        {"selector": {"matchLabels": {"app": "web"}}, %s,
         "strategy": {"canary": {"stableService": "web", "canaryService": "web-canary",
           "trafficRouting": {"nginx": {"stableIngress": "web"}}}}}"""
        .formatted(TEMPLATE));

    assertThat(basic.basicCanary()).isTrue();
    assertThat(basic.dynamicStableScale()).isTrue();
    assertThat(basic.trafficLeavesFirst()).isFalse();
    assertThat(routed.routed()).isTrue();
    assertThat(routed.dynamicStableScale()).isFalse();
    assertThat(routed.trafficLeavesFirst()).isTrue();
  }

  @Test
  void aBlueGreenRolloutPreviewsWaitsAndKeepsTheOldPodsThirtySeconds() {
    EffectiveSpec spec = effective("""
        {"replicas": 2, "selector": {"matchLabels": {"app": "web"}}, %s,
         "strategy": {"blueGreen": {"activeService": "web"}}}""".formatted(TEMPLATE));

    assertThat(spec.strategyName()).isEqualTo("blueGreen");
    assertThat(spec.steps().describe(0)).isEqualTo("step 1/1 (preview with 2 pods)");
    assertThat(spec.scaleDownDelay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(spec.trafficLeavesFirst()).isTrue();
    assertThat(spec.maxUnavailable()).isZero();
  }

  @Test
  void aWorkloadRefGivesTheTemplateAndSelectorTheSpecLeavesOut() {
    RolloutSpec spec = Fixtures.rollout("web", 2, "web:1").getSpec();
    WorkloadView deployment = new WorkloadView("web", 0,
        new LabelSelectorBuilder().addToMatchLabels("app", "web").build(), spec.template);
    spec.template = null;
    spec.selector = null;

    EffectiveSpec effective = EffectiveSpec.of(spec, deployment);

    assertThat(effective.template()).isSameAs(deployment.template());
    assertThat(effective.selector()).isSameAs(deployment.selector());
  }

  private static EffectiveSpec effective(String specJson) {
    try {
      Rollout rollout = JSON.readValue(
          "{\"apiVersion\": \"ramp.dev/v1alpha1\", \"kind\": \"Rollout\","
              + " \"metadata\": {\"name\": \"web\"}, \"spec\": " + specJson + "}", Rollout.class);
      assertThat(SpecValidator.check(rollout.getSpec())).as("a spec Ramp accepts").isEmpty();
      return EffectiveSpec.of(rollout.getSpec(), null);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
