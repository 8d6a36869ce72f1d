package dev.ramp.sim.bench;

/**
 * The checks of a threshold analysis in the usual style (Flagger's): each check looks at the new
 * version's success rate over the last interval; a pass moves its weight one step up (5, 10, 25,
 * 50, then 100%: promoted), a failure moves nothing, and the fifth failed check of the release
 * (counted over the whole release, not in a row) rolls it back.
 */
final class ThresholdLoop {
  static final int[] WEIGHTS = {5, 10, 25, 50, 100};
  static final int FAILED_CHECKS_TO_ROLL_BACK = 5;
  /** A check passes at a success rate of at least 99%: at most 1 error in 100 requests. */
  private static final int MAX_ERRORS_PER_HUNDRED = 1;

  private int step;
  private int failedChecks;

  /** The new version's weight in percent: 0 once rolled back, 100 once promoted. */
  int weight() {
    return rolledBack() ? 0 : WEIGHTS[step];
  }

  boolean rolledBack() {
    return failedChecks >= FAILED_CHECKS_TO_ROLL_BACK;
  }

  boolean promoted() {
    return step == WEIGHTS.length - 1;
  }

  /**
   * One check on what the new version served since the last one. No requests is a failed check,
   * as a success-rate query without data is.
   */
  void check(long requests, long errors) {
    if (rolledBack() || promoted()) {
      return;
    }
    if (requests > 0 && 100 * errors <= MAX_ERRORS_PER_HUNDRED * requests) {
      step++;
    } else {
      failedChecks++;
    }
  }
}
