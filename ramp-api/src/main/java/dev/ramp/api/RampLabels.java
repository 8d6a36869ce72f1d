package dev.ramp.api;

/** Labels and annotations Ramp puts on the objects it manages. */
public final class RampLabels {
  /** On pods, ReplicaSets and Service selectors: the revision a pod belongs to. */
  public static final String POD_TEMPLATE_HASH = "rollouts-pod-template-hash";

  /** On ReplicaSets: the revision number, counting up from 1, used by undo. */
  public static final String REVISION = "ramp.dev/revision";

  /** On ReplicaSets: when an inactive ReplicaSet may be scaled to zero (RFC 3339). */
  public static final String SCALE_DOWN_DEADLINE = "ramp.dev/scale-down-deadline";

  private RampLabels() {}
}
