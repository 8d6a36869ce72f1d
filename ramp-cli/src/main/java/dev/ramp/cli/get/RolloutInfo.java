package dev.ramp.cli.get;

import java.util.List;

/**
 * What {@code get rollout} shows: the rollout, its revisions (newest first) with their
 * ReplicaSet and pods, and the analysis runs of the revision being rolled out. Records, so that a
 * watch can tell whether anything changed; times are kept as written (ages depend on now).
 *
 * @param step the canary's step ("step 2/4 (pause until promoted)"), null for blue-green
 * @param weights null unless a canary is being rolled out
 * @param gates what the gates and hooks of the release answered (status.gates)
 */
record RolloutInfo(String name, String namespace, String created, String phase,
    String message, String strategy, String step, Weights weights, List<Image> images,
    Replicas replicas, List<Gate> gates, List<Revision> revisions) {

  /**
   * @param what "gate change-freeze before the release", "post-release hook announce"
   * @param phase Waiting, Approved or Denied; Running, Succeeded or Failed for a hook
   * @param message what it answered last, or null
   */
  public record Gate(String what, String revision, String phase, String message) {}

  /**
   * @param set {@code status.canary.weight}: the share of requests Ramp has set for the canary
   * @param actual the share it gets: the set weight through a traffic router; without one, its
   *     share of the available pods (as a Service splits requests)
   */
  public record Weights(int set, int actual, boolean trafficRouter, int canaryAvailable,
      int available) {}

  /** An image and the roles of the revisions that run it (stable, canary). */
  public record Image(String image, List<String> roles) {}

  public record Replicas(int desired, int current, int updated, int ready, int available) {}

  public record Revision(long number, String hash, List<String> roles, ReplicaSetInfo replicaSet,
      List<AnalysisRunInfo> analysisRuns) {}

  public record ReplicaSetInfo(String name, String created, int desired, int current, int ready,
      int available, List<String> images, List<PodInfo> pods) {}

  public record PodInfo(String name, String created, String phase, boolean ready,
      boolean terminating, int restarts) {}

  /** @param analysis what the run analyses: "background" or "step 2/4" */
  public record AnalysisRunInfo(String name, String created, String analysis, String phase,
      String message, List<MetricInfo> metrics) {}

  /** @param latest the newest measurement, or null before the first */
  public record MetricInfo(String name, String phase, boolean dryRun, int measured,
      MeasurementInfo latest) {}

  public record MeasurementInfo(String value, String phase, String message) {}
}
