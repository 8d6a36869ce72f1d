package dev.ramp.sim.bench;

import dev.ramp.api.analysis.CounterReading;
import java.util.HashMap;
import java.util.Map;

/** Requests and errors each revision has served so far, as a metrics backend counts them. */
final class RevisionCounters {
  private final Map<String, long[]> byRevision = new HashMap<>();

  void add(String revision, long requests, long errors) {
    long[] counts = byRevision.computeIfAbsent(revision, r -> new long[2]);
    counts[0] += requests;
    counts[1] += errors;
  }

  /** Both revisions' totals, as a compare metric reads them. */
  CounterReading reading(String canary, String stable) {
    long[] canaryCounts = byRevision.getOrDefault(canary, new long[2]);
    long[] stableCounts = byRevision.getOrDefault(stable, new long[2]);
    return new CounterReading(canaryCounts[1], canaryCounts[0], stableCounts[1],
        stableCounts[0]);
  }
}
