package dev.ramp.sim.bench;

/**
 * What an analysis loop notes while a release runs, one simulated second at a time, until the
 * release is over: rolled back, fully promoted, or out of time.
 */
final class ReleaseRecord {
  /** Longer than any release of the benchmark takes; a release still going then is stuck. */
  static final long HORIZON_SECONDS = 1_800;

  private long second;
  private long newRequests;
  private long newErrors;
  private Long decidedAt;
  private boolean rolledBack;
  private Long promotedAt;

  /** Counts one second of traffic and moves on to the next second. */
  void served(Traffic.Second traffic) {
    newRequests += traffic.newRequests();
    newErrors += traffic.newErrors();
    second++;
  }

  /** The analysis reached its verdict (the first one counts). */
  void decided() {
    if (decidedAt == null) {
      decidedAt = second;
    }
  }

  /** No user reaches the new version any more: the analysis rolled it back. */
  void rolledBack() {
    decided();
    rolledBack = true;
  }

  /** Every user reaches the new version. */
  void promoted() {
    promotedAt = second;
  }

  boolean over() {
    return rolledBack || promotedAt != null || second >= HORIZON_SECONDS;
  }

  long second() {
    return second;
  }

  ReleaseOutcome outcome() {
    return new ReleaseOutcome(rolledBack, newRequests, newErrors, decidedAt, promotedAt);
  }
}
