package dev.ramp.engine.judge;

/**
 * Judges whether the canary's event rate (errors, slow requests, ...) is worse than stable's, by
 * their ratio, comparing the two at the same time, batch by batch, with tests that stay valid
 * however often they are read and while the canary's share of traffic changes (STATISTICS.md,
 * "The count test"). Feed it one {@link Batch} per measurement interval, keep the returned state,
 * and ask for a {@link Verdict} whenever needed (it reads no clock and draws no random number):
 *
 * <ul>
 *   <li>{@link Decision#REGRESSION} as soon as the regression e-value E reaches 1/α: when the
 *       canary is no worse than stable, that happens with probability at most α over the whole
 *       run;
 *   <li>{@link Decision#ACCEPTABLE} as soon as the confidence sequence's upper end is at most
 *       maxRatio and at least minRequests canary requests were seen: when the true ratio is
 *       above maxRatio, that happens with probability at most α;
 *   <li>{@link Decision#UNDECIDED} otherwise, with roughly how many more canary requests are
 *       needed.
 * </ul>
 *
 * <p>The model behind both guarantees: within a batch, requests fail independently, so that each
 * event lands on the canary with probability θ = ρr/(ρr + 1 − ρ), ρ being the canary's share of
 * the batch's requests and r the ratio of event rates. Batches must be disjoint intervals whose
 * ends do not depend on the events inside them (a fixed measurement interval is right). Events
 * that come in bursts from one cause (a stable pod crashing) break the independence.
 *
 * @param alpha the error rate of each decision, e.g. 0.01
 * @param maxRatio the tolerated ratio of the canary's event rate to stable's, e.g. 1.5
 * @param minRequests the fewest canary requests an acceptance rests on
 * @param test the e-value that flags a regression
 */
public record RatioJudge(double alpha, double maxRatio, long minRequests, RegressionTest test) {
  /** α = 1%, tolerance 1.5x, acceptance after at least 1,000 canary requests. */
  public static final RatioJudge DEFAULTS = new RatioJudge(0.01, 1.5, 1_000);

  public RatioJudge {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must lie in (0, 1), got " + alpha);
    }
    if (!(maxRatio > RatioGrid.ratio(0) && maxRatio < RatioGrid.ratio(RatioGrid.SIZE - 1))) {
      throw new IllegalArgumentException("maxRatio must lie within (1/64, 64), got " + maxRatio);
    }
    if (minRequests < 0) {
      throw new IllegalArgumentException("minRequests must not be negative, got " + minRequests);
    }
    if (test == null) {
      throw new IllegalArgumentException("test must be set");
    }
  }

  /** The judge with the grid mixture, valid while the weights change. */
  public RatioJudge(double alpha, double maxRatio, long minRequests) {
    this(alpha, maxRatio, minRequests, RegressionTest.RATIO_MIXTURE);
  }

  /**
   * The state after one more measurement interval.
   *
   * @throws ArithmeticException when a total would pass {@link Long#MAX_VALUE}
   */
  public JudgeState update(JudgeState state, Batch batch) {
    boolean bothSides = batch.canaryRequests() > 0 && batch.stableRequests() > 0;
    return new JudgeState(
        Math.addExact(state.canaryRequests(), batch.canaryRequests()),
        Math.addExact(state.canaryEvents(), batch.canaryEvents()),
        Math.addExact(state.stableRequests(), batch.stableRequests()),
        Math.addExact(state.stableEvents(), batch.stableEvents()),
        bothSides ? batch.canaryShare() : state.lastCanaryShare(),
        RatioGrid.add(state.logLikelihoodRatios(), batch));
  }

  /** The decision the batches so far support, with its numbers. */
  public Verdict verdict(JudgeState state) {
    return verdict(state, EventWording.EVENTS);
  }

  /** The decision the batches so far support; its message names the events as told. */
  public Verdict verdict(JudgeState state, EventWording wording) {
    double[] evidence = state.logLikelihoodRatios();
    double logEValue = test.logEValue(state);
    double eValue = Math.exp(logEValue);
    double estimate = RatioGrid.mostLikely(evidence);
    double lower = ConfidenceSequence.lower(evidence, alpha);
    double upper = ConfidenceSequence.upper(evidence, alpha);
    long requests = state.canaryRequests();
    VerdictMessages messages = new VerdictMessages(wording, alpha, estimate, lower, upper);
    if (logEValue >= -Math.log(alpha)) {
      return new Verdict(Decision.REGRESSION, eValue, estimate, lower, upper, requests, 0,
          messages.regression(eValue));
    }
    if (upper <= maxRatio && requests >= minRequests) {
      return new Verdict(Decision.ACCEPTABLE, eValue, estimate, lower, upper, requests, 0,
          messages.acceptable(requests));
    }
    long more = RequestsNeeded.estimate(this, state, evidence, estimate);
    return new Verdict(Decision.UNDECIDED, eValue, estimate, lower, upper, requests, more,
        messages.undecided(eValue, more, state));
  }
}
