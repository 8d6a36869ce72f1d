package dev.ramp.engine.judge;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Which e-value flags a regression (STATISTICS.md, "The count test"). Both alarm at E ≥ 1/α;
 * acceptance and the ratio's bounds come from the confidence sequence either way.
 */
public enum RegressionTest {
  /**
   * The rate-ratio grid mixture: batch by batch, at each batch's canary share, so it stays valid
   * while the weights change during a ramp.
   */
  RATIO_MIXTURE("ratioMixture"),
  /**
   * The one-sided beta-binomial e-value on all events so far, at the canary's share of all
   * requests so far: simpler, but valid only while that share stays the same (one long analysis
   * at one weight). On a ramp, canary events from late high-weight batches look like a
   * regression at the early low share.
   */
  BETA_BINOMIAL("betaBinomial");

  private final String specName;

  RegressionTest(String specName) {
    this.specName = specName;
  }

  /** Its name in a compare metric's {@code test} field. */
  public String specName() {
    return specName;
  }

  /** The test a compare metric names; the grid mixture when it names none. */
  public static RegressionTest fromSpec(String name) {
    if (name == null) {
      return RATIO_MIXTURE;
    }
    return Arrays.stream(values()).filter(test -> test.specName.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("test must be "
            + Arrays.stream(values()).map(RegressionTest::specName)
                .collect(Collectors.joining(" or ")) + " (is " + name + ")"));
  }

  double logEValue(JudgeState state) {
    return switch (this) {
      case RATIO_MIXTURE -> RegressionMixture.logEValue(state.logLikelihoodRatios());
      case BETA_BINOMIAL -> {
        long requests = state.canaryRequests() + state.stableRequests();
        if (state.canaryRequests() == 0 || state.stableRequests() == 0) {
          yield 0;
        }
        yield BetaBinomialEValue.withShare((double) state.canaryRequests() / requests)
            .logOneSided(state.canaryEvents(), state.stableEvents());
      }
    };
  }
}
