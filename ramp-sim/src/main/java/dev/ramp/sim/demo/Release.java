package dev.ramp.sim.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One release of the demo: what was shipped, what happened to it, and samples over time. */
final class Release {
  /** How a release ended. */
  enum Outcome { DEPLOYED, PROMOTED, ROLLED_BACK, TIMED_OUT }

  /**
   * A moment of the release.
   *
   * @param seconds since the release started
   * @param weight the weight Ramp gives the new version (percent)
   * @param share the new version's share of the requests since the previous sample (percent)
   * @param newErrorRate failed requests of the new version so far (percent)
   * @param oldErrorRate failed requests of the previous version during the release (percent)
   */
  record Sample(double seconds, double weight, double share, double newErrorRate,
      double oldErrorRate) {}

  final String name;
  final String image;
  final double errorRate;
  final List<Sample> samples = new ArrayList<>();
  Outcome outcome;
  Duration took;
  String revision;
  long newRequests;
  long newFailures;
  long allRequests;
  String note = "";

  Release(String name, String image, double errorRate) {
    this.name = name;
    this.image = image;
    this.errorRate = errorRate;
  }

  /** The new version's share of all requests during the release, in percent. */
  double newShare() {
    return allRequests == 0 ? 0 : 100.0 * newRequests / allRequests;
  }

  /** The highest weight Ramp gave the new version while it was out, in percent. */
  double maxWeight() {
    return samples.stream().mapToDouble(Sample::weight).max().orElse(0);
  }

  double newFailureRate() {
    return newRequests == 0 ? 0 : 100.0 * newFailures / newRequests;
  }
}
