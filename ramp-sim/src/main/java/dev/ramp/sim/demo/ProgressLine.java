package dev.ramp.sim.demo;

import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutStatus;
import java.io.PrintStream;

/**
 * The demo's running commentary. On a terminal one line is redrawn in place; elsewhere (a CI log)
 * a line is printed whenever the step or phase changes.
 */
final class ProgressLine {
  private static final int BAR = 20;

  private final PrintStream out;
  private final boolean live;
  private String lastState = "";
  private String lastLine = "";

  ProgressLine(PrintStream out, boolean live) {
    this.out = out;
    this.live = live;
  }

  void show(Release release, Rollout rollout) {
    RolloutStatus status = rollout.getStatus();
    int steps = rollout.getSpec().strategy.canary.steps.size();
    int step = status.currentStepIndex == null ? 0 : status.currentStepIndex;
    boolean promoted = "Healthy".equals(status.phase)
        && status.stableRevision.equals(status.updatedRevision);
    int weight = promoted ? 100
        : status.canary == null || status.canary.weight == null ? 0 : status.canary.weight;
    boolean updating = !status.updatedRevision.equals(status.stableRevision);
    String where = updating ? String.format("step %d/%d", Math.min(step + 1, steps), steps)
        : "        ";
    String state = status.phase + " " + where;
    String line = String.format("  %-11s %s  %s %3d%%   new version: %5d requests,"
            + " %5.1f%% failed", status.phase, where, bar(weight), weight, release.newRequests,
        release.newFailureRate());
    if (live) {
      out.print("\r" + line);
      out.flush();
    } else if (!state.equals(lastState)) {
      out.println(line);
    }
    lastState = state;
    lastLine = line;
  }

  void event(String message) {
    if (live) {
      out.println();
    }
    out.println("  " + message);
  }

  void done(Release release, Rollout rollout) {
    if (live && !lastLine.isEmpty()) {
      out.println();
    }
    String how = switch (release.outcome) {
      case DEPLOYED -> "healthy: all pods available";
      case PROMOTED -> "promoted: all traffic on the new version";
      case ROLLED_BACK -> "rolled back: all traffic on the previous version";
      case TIMED_OUT -> "still " + rollout.getStatus().phase + " when the demo gave up";
    };
    out.printf("  -> %s after %ds%n", how, release.took.toSeconds());
  }

  private static String bar(int percent) {
    int filled = Math.round(percent * BAR / 100f);
    return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "]";
  }
}
