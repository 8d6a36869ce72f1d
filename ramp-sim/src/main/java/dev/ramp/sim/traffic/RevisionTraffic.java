package dev.ramp.sim.traffic;

import java.util.concurrent.atomic.LongAdder;

/** Running totals of the requests one revision has served. */
public final class RevisionTraffic {
  private final LongAdder requests = new LongAdder();
  private final LongAdder failures = new LongAdder();

  void record(boolean failed) {
    requests.increment();
    if (failed) {
      failures.increment();
    }
  }

  public long requests() {
    return requests.sum();
  }

  public long failures() {
    return failures.sum();
  }
}
