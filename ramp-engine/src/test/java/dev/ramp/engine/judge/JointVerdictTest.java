package dev.ramp.engine.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the verdicts of several signals make one. */
class JointVerdictTest {
  private static JointVerdict.Signal signal(String name, Decision decision, long more) {
    return new JointVerdict.Signal(name,
        new Verdict(decision, 1, 1, 0.5, 2, 100, more, decision.name().toLowerCase()));
  }

  @Test
  void anyRegressionDecidesAndOnlyTheRegressedSignalsAreNamed() {
    JointVerdict verdict = JointVerdict.of(List.of(signal("errors", Decision.ACCEPTABLE, 0),
        signal("slow", Decision.REGRESSION, 0), signal("timeouts", Decision.UNDECIDED, 300)));

    assertThat(verdict.decision()).isEqualTo(Decision.REGRESSION);
    assertThat(verdict.message()).isEqualTo("slow: regression");
    assertThat(verdict.moreRequestsNeeded()).isZero();
  }

  @Test
  void acceptableOnlyWhenEverySignalIs() {
    assertThat(JointVerdict.of(List.of(signal("errors", Decision.ACCEPTABLE, 0),
        signal("slow", Decision.ACCEPTABLE, 0))))
        .isEqualTo(new JointVerdict(Decision.ACCEPTABLE, 0,
            "errors: acceptable; slow: acceptable"));
  }

  @Test
  void undecidedNeedsWhatTheNeediestSignalNeedsOrCannotTellWhenOneCannot() {
    JointVerdict waiting = JointVerdict.of(List.of(signal("errors", Decision.ACCEPTABLE, 0),
        signal("slow", Decision.UNDECIDED, 4_000), signal("timeouts", Decision.UNDECIDED, 300)));
    JointVerdict unknown = JointVerdict.of(List.of(signal("slow", Decision.UNDECIDED, 4_000),
        signal("timeouts", Decision.UNDECIDED, RequestsNeeded.UNKNOWN)));

    assertThat(waiting.decision()).isEqualTo(Decision.UNDECIDED);
    assertThat(waiting.moreRequestsNeeded()).isEqualTo(4_000);
    assertThat(waiting.message())
        .isEqualTo("errors: acceptable; slow: undecided; timeouts: undecided");
    assertThat(unknown.moreRequestsNeeded()).isEqualTo(RequestsNeeded.UNKNOWN);
  }

  @Test
  void aSignalsShareOfAlphaReadsAsAShortConfidenceLevel() {
    RatioJudge third = new RatioJudge(JointVerdict.signalAlpha(0.01, 3), 1.5, 0);
    JudgeState state = third.update(JudgeState.initial(), new Batch(1_000, 10, 9_000, 90));

    assertThat(third.verdict(state).message()).contains("(99.67% CS ");
  }

  @Test
  void eachOfKSignalsGetsAlphaOverK() {
    assertThat(JointVerdict.signalAlpha(0.01, 1)).isEqualTo(0.01);
    assertThat(JointVerdict.signalAlpha(0.01, 4)).isEqualTo(0.0025);
    assertThatThrownBy(() -> JointVerdict.signalAlpha(0.01, 0))
        .hasMessage("at least one signal is needed, got 0");
  }
}
