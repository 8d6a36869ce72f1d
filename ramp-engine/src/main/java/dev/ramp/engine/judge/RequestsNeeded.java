package dev.ramp.engine.judge;

/**
 * Roughly how many more canary requests the judge needs to decide, if the ratio is what it seems
 * now. Optimistic: it takes the estimate r̂ as the truth and ignores its uncertainty.
 *
 * <p>A decision is some log likelihood ratio L(a) − L(h) reaching a threshold. Regression: a =
 * r_j, h = 1, threshold ln(1/(α·w_j)), after which E ≥ w_j·M_j ≥ 1/α. Acceptance: h the largest
 * grid ratio at most maxRatio, a = h/q^m, threshold ln(2/(α·v)), which rejects the cell just
 * above h (see {@link ConfidenceSequence}); and at least minRequests canary requests. The
 * expected growth per canary request is the information per request behind STATISTICS.md's lower
 * bound, for the comparison with stable: (events per canary request) × (expected change per
 * event) = (p̂·r̂ + p̂·(1 − ρ)/ρ) · [θ̂·ln(θa/θh) + (1 − θ̂)·ln((1 − θa)/(1 − θh))], with p̂
 * stable's event rate so far, ρ the canary's latest share and θ = θ(r) at that share. The
 * estimate is the soonest (threshold − current)/growth over all these.
 */
final class RequestsNeeded {
  static final long UNKNOWN = -1;

  private final double[] evidence;
  private final double ratioEstimate;
  private final double share;
  private final double eventsPerCanaryRequest;

  private RequestsNeeded(double[] evidence, double ratioEstimate, double share,
      double stableRate) {
    this.evidence = evidence;
    this.ratioEstimate = ratioEstimate;
    this.share = share;
    this.eventsPerCanaryRequest =
        Math.min(1, stableRate * ratioEstimate) + stableRate * (1 - share) / share;
  }

  /** The estimate, at least 1 (being undecided, the judge needs more), or {@link #UNKNOWN}. */
  static long estimate(RatioJudge judge, JudgeState state, double[] evidence,
      double ratioEstimate) {
    if (Double.isNaN(ratioEstimate) || state.stableEvents() == 0
        || state.lastCanaryShare() == 0) {
      return UNKNOWN;
    }
    double stableRate = (double) state.stableEvents() / state.stableRequests();
    RequestsNeeded needed =
        new RequestsNeeded(evidence, ratioEstimate, state.lastCanaryShare(), stableRate);
    double soonest = Math.min(needed.toRegression(judge.alpha()), Math.max(
        needed.toAcceptance(judge), judge.minRequests() - state.canaryRequests()));
    return Double.isInfinite(soonest) ? UNKNOWN : Math.max(1, (long) Math.ceil(soonest));
  }

  private double toRegression(double alpha) {
    double soonest = Double.POSITIVE_INFINITY;
    for (int j = 0; j < RegressionMixture.size(); j++) {
      double threshold = -Math.log(alpha) - RegressionMixture.logWeight(j);
      soonest = Math.min(soonest, requests(RegressionMixture.index(j), RatioGrid.ONE, threshold));
    }
    return soonest;
  }

  private double toAcceptance(RatioJudge judge) {
    int tolerance = RatioGrid.atMost(judge.maxRatio());
    double threshold = Math.log(1 / (judge.alpha() * ConfidenceSequence.halfWeight()));
    double soonest = Double.POSITIVE_INFINITY;
    for (int m = 0; m < ConfidenceSequence.alternatives(); m++) {
      int alternative = tolerance - ConfidenceSequence.step(m);
      if (alternative >= 0) {
        soonest = Math.min(soonest, requests(alternative, tolerance, threshold));
      }
    }
    return soonest;
  }

  /** Canary requests until L(alternative) − L(hypothesis) reaches the threshold, on average. */
  private double requests(int alternative, int hypothesis, double threshold) {
    double theta = RatioGrid.canaryShareOfEvents(ratioEstimate, share);
    double thetaA = RatioGrid.canaryShareOfEvents(RatioGrid.ratio(alternative), share);
    double thetaH = RatioGrid.canaryShareOfEvents(RatioGrid.ratio(hypothesis), share);
    double perEvent = theta * Math.log(thetaA / thetaH)
        + (1 - theta) * Math.log((1 - thetaA) / (1 - thetaH));
    double growth = eventsPerCanaryRequest * perEvent;
    double missing = threshold - (evidence[alternative] - evidence[hypothesis]);
    return growth > 0 ? Math.max(0, missing / growth) : Double.POSITIVE_INFINITY;
  }
}
