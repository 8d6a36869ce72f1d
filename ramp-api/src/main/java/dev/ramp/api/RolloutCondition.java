package dev.ramp.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A condition with Kubernetes' usual fields plus the last time it was confirmed or refreshed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutCondition {
  public static final String PROGRESSING = "Progressing";
  public static final String AVAILABLE = "Available";
  public static final String PAUSED = "Paused";
  public static final String COMPLETED = "Completed";
  public static final String INVALID_SPEC = "InvalidSpec";
  /** The last reconcile failed on an error Ramp did not expect; gone once one succeeds. */
  public static final String RECONCILE_ERROR = "ReconcileError";

  public String type;
  public String status;
  public String reason;
  public String message;
  public String lastTransitionTime;
  public String lastUpdateTime;
}
