package dev.ramp.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which trigger an engine Event fires, as Argo Rollouts names them and for gates and hooks. */
class BuiltInTriggersTest {
  @Test
  void anEventFiresTheTriggerNamedAfterItsReason() {
    assertThat(BuiltInTriggers.forEvent("RolloutAborted")).hasValue("on-rollout-aborted");
    assertThat(BuiltInTriggers.forEvent("RolloutStepCompleted"))
        .hasValue("on-rollout-step-completed");
    assertThat(BuiltInTriggers.forEvent("ScalingReplicaSet")).hasValue("on-scaling-replica-set");
    assertThat(BuiltInTriggers.forEvent("ProgressDeadlineExceeded"))
        .hasValue("on-rollout-degraded");
    assertThat(BuiltInTriggers.forEvent("InvalidSpec")).hasValue("on-rollout-degraded");
  }

  @Test
  void theEventsOfGatesAndHooksFireTheirOwnTriggers() {
    assertThat(BuiltInTriggers.forEvent("GateWaiting")).hasValue("on-gate-waiting");
    assertThat(BuiltInTriggers.forEvent("GateDenied")).hasValue("on-gate-denied");
    assertThat(BuiltInTriggers.forEvent("GateTimedOut")).hasValue("on-gate-timed-out");
    assertThat(BuiltInTriggers.forEvent("HookFailed")).hasValue("on-hook-failed");
    assertThat(BuiltInTriggers.forEvent("RollbackRequested")).hasValue("on-rollback-requested");
  }

  @Test
  void anEventWithoutATriggerFiresNone() {
    assertThat(BuiltInTriggers.forEvent("SwitchService")).isEmpty();
    assertThat(BuiltInTriggers.forEvent("GateApproved")).isEmpty();
  }
}
