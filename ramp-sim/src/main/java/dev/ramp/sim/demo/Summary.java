package dev.ramp.sim.demo;

import java.io.PrintStream;
import java.util.List;

/** The table at the end of the demo: what happened to each release, and who saw it. */
final class Summary {
  private Summary() {}

  static void print(PrintStream out, List<Release> releases, double canaryWeight) {
    out.println();
    out.println("Summary");
    out.printf("  %-22s %-12s %6s %16s %16s%n", "release", "outcome", "took",
        "served by new", "failed");
    for (Release release : releases) {
      out.printf("  %-22s %-12s %5ds %16s %16s%n", release.name, outcome(release),
          release.took.toSeconds(), String.format("%,d", release.newRequests),
          String.format("%,d (%.1f%%)", release.newFailures, release.newFailureRate()));
    }
    Release bad = releases.get(releases.size() - 1);
    out.println();
    out.printf("The bad release never got more than %.0f%% of the traffic (its first step's"
        + " weight is %.0f%%) and served %.1f%% of the requests made while it was out: %,d users"
        + " saw it, %,d got an error.%n",
        bad.maxWeight(), canaryWeight, bad.newShare(), bad.newRequests, bad.newFailures);
    if (!bad.note.isEmpty()) {
      out.println("It was stopped by: " + bad.note + ".");
    }
  }

  private static String outcome(Release release) {
    if (release.outcome == null) {
      return "-";
    }
    return switch (release.outcome) {
      case DEPLOYED -> "healthy";
      case PROMOTED -> "promoted";
      case ROLLED_BACK -> "rolled back";
      case TIMED_OUT -> "timed out";
    };
  }
}
