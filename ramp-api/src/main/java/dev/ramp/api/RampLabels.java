package dev.ramp.api;

/** Labels and annotations Ramp puts on the objects it manages. */
public final class RampLabels {
  /** On pods, ReplicaSets and Service selectors: the revision a pod belongs to. */
  public static final String POD_TEMPLATE_HASH = "rollouts-pod-template-hash";

  /** On ReplicaSets: the revision number, counting up from 1, used by undo. */
  public static final String REVISION = "ramp.dev/revision";

  /** On AnalysisRuns and Experiments: the revision (pod-template-hash) they analyse. */
  public static final String REVISION_HASH = "ramp.dev/revision-hash";

  /** On AnalysisRuns: what they analyse: a step index, or "background". */
  public static final String ANALYSIS = "ramp.dev/analysis";

  /** On Experiments: the index of the rollout's experiment step they were made for. */
  public static final String STEP = "ramp.dev/step";

  /** On AnalysisRuns and Experiments: the rollout they belong to. */
  public static final String ROLLOUT = "ramp.dev/rollout";

  /**
   * On Rollouts and AnalysisRuns: the installation of Ramp that handles them (its
   * {@code --instance-id}); an installation without one handles those without this label.
   */
  public static final String INSTANCE_ID = "ramp.dev/instance-id";

  /**
   * On a canary's AnalysisRuns: the canary's weight (percent) the rollout last set. A compare
   * metric reads its counters at once when it changes, so that no batch of the judge mixes two
   * shares of traffic.
   */
  public static final String CANARY_WEIGHT = "ramp.dev/canary-weight";

  /**
   * On Experiments of an experiment step: {@code "true"}, written by Ramp with the
   * {@code terminate} that ends an experiment its rollout no longer needs. An experiment
   * terminated without it was ended by a person, and completes its step.
   */
  public static final String RETIRED = "ramp.dev/retired";

  /** On ReplicaSets: when an inactive ReplicaSet may be scaled to zero (RFC 3339). */
  public static final String SCALE_DOWN_DEADLINE = "ramp.dev/scale-down-deadline";

  /**
   * On the pods and ReplicaSet of a canary's fresh baseline: {@code baseline}. It also gives the
   * baseline's pod template, otherwise the stable one, a pod-template-hash of its own.
   */
  public static final String ROLE = "ramp.dev/role";

  /** The value of {@link #ROLE} on a fresh baseline. */
  public static final String BASELINE = "baseline";

  private RampLabels() {}
}
