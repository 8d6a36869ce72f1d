package dev.ramp.api.analysis;

/**
 * What a compare metric reads in one measurement: the canary's and the stable revision's
 * counters as they stand (totals since the process started, as Prometheus counters are), not
 * differences.
 */
public record CounterReading(
    double canaryEvents, double canaryRequests, double stableEvents, double stableRequests) {}
