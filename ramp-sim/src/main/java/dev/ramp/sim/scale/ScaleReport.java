package dev.ramp.sim.scale;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What a scale run measured.
 *
 * @param rollouts how many Rollouts were released
 * @param processors the processors Java sees on this machine
 * @param firstDeploy from creating the Rollouts to all of them Healthy
 * @param release from changing their image to all of them promoted
 * @param stepLatencies milliseconds from a step's condition met to the next action applied,
 *     sorted
 * @param requests the controller's API requests during the release
 * @param writes of which were not reads (create, patch, update, delete)
 * @param controllerHeapBytes heap the controller holds once garbage is collected: heap used
 *     with the controller running, less heap used once it is stopped
 */
public record ScaleReport(int rollouts, int processors, Duration firstDeploy, Duration release,
    List<Long> stepLatencies, long requests, long writes, long controllerHeapBytes) {

  public long percentile(int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * stepLatencies.size());
    return stepLatencies.get(Math.max(0, rank - 1));
  }

  public double requestsPerStep() {
    return (double) requests / steps();
  }

  public double writesPerStep() {
    return (double) writes / steps();
  }

  private int steps() {
    return rollouts * BenchmarkRollout.STEPS;
  }

  public List<String> lines() {
    return List.of(
        "Scale: " + rollouts + " rollouts through a 3-step canary (setWeight 50, pause 1s,"
            + " setWeight 100), " + processors + " processors",
        "  first deploy      " + seconds(firstDeploy) + " until all Healthy",
        "  release           " + seconds(release) + " until all promoted",
        "  step latency      p50 " + percentile(50) + " ms, p99 " + percentile(99) + " ms, max "
            + stepLatencies.get(stepLatencies.size() - 1) + " ms (" + stepLatencies.size()
            + " steps: condition met -> next action applied)",
        String.format(Locale.ROOT, "  API requests      %.1f per rollout step (%.1f writes)",
            requestsPerStep(), writesPerStep()),
        String.format(Locale.ROOT, "  controller heap   %.0f MiB after GC",
            controllerHeapBytes / (1024.0 * 1024.0)));
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
