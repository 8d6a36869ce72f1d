package dev.ramp.engine.judge;

/**
 * What one measurement interval saw on each side: requests, and events among them (errors, slow
 * requests, any counted outcome). The counts are the interval's own, not running totals.
 */
public record Batch(long canaryRequests, long canaryEvents, long stableRequests,
    long stableEvents) {

  public Batch {
    // the fields are not assigned yet in a compact constructor: name the arguments
    String counts = "canary " + canaryEvents + " events in " + canaryRequests
        + " requests, stable " + stableEvents + " in " + stableRequests;
    if (canaryRequests < 0 || canaryEvents < 0 || stableRequests < 0 || stableEvents < 0) {
      throw new IllegalArgumentException("negative count in a batch: " + counts);
    }
    if (canaryEvents > canaryRequests || stableEvents > stableRequests) {
      throw new IllegalArgumentException("more events than requests in a batch: " + counts);
    }
  }

  /** ρ, the canary's share of the interval's requests. */
  double canaryShare() {
    return (double) canaryRequests / (canaryRequests + stableRequests);
  }

  long events() {
    return canaryEvents + stableEvents;
  }

  /**
   * Whether the batch says anything about the ratio. The count test splits each event between the
   * two sides in proportion ρ·r : (1 − ρ); with ρ = 0 or 1 that split is certain whatever r is,
   * and with no events there is nothing to split, so such batches leave the evidence unchanged.
   */
  boolean informative() {
    return canaryRequests > 0 && stableRequests > 0 && events() > 0;
  }
}
