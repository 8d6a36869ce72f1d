package dev.ramp.sim.bench;

/**
 * The threshold analysis as today's controllers run it, in its own loop rather than Ramp's
 * engine: once the new version's pods are ready it gets 5% of the requests, and every minute
 * {@link ThresholdLoop} checks that minute's success rate against 99%.
 */
final class ThresholdAnalysis implements ReleaseAnalysis {
  static final long CHECK_EVERY_SECONDS = 60;
  /** As long as the engine-driven analyses' pods take to become ready. */
  private static final long READY_AFTER_SECONDS = EngineAnalysis.POD_READY_DELAY.toSeconds();

  @Override
  public String name() {
    return "threshold";
  }

  @Override
  public ReleaseOutcome ship(Scenario scenario, Traffic traffic) {
    ThresholdLoop loop = new ThresholdLoop();
    ReleaseRecord record = new ReleaseRecord();
    long requests = 0;
    long errors = 0;
    while (true) {
      long sinceReady = record.second() - READY_AFTER_SECONDS;
      if (sinceReady > 0 && sinceReady % CHECK_EVERY_SECONDS == 0) {
        loop.check(requests, errors);
        requests = 0;
        errors = 0;
      }
      if (loop.rolledBack()) {
        record.rolledBack();
      } else if (loop.promoted()) {
        record.decided();
        record.promoted();
      }
      if (record.over()) {
        return record.outcome();
      }
      Traffic.Second second = traffic.next(sinceReady >= 0 ? loop.weight() / 100.0 : 0);
      requests += second.newRequests();
      errors += second.newErrors();
      record.served(second);
    }
  }
}
