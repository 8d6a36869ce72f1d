package dev.ramp.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ramp.api.gates.GateStatus;
import dev.ramp.api.notifications.NotificationRecord;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything Ramp needs to continue a rollout after a restart. Users write three fields to ask
 * for something: clearing {@code pauseConditions} promotes past a pause, {@code promoteFull}
 * skips the remaining steps, {@code abort} aborts (and setting it back to false retries).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutStatus {
  @PrinterColumn(name = "Phase", priority = 0)
  @JsonPropertyDescription("Progressing, Paused, Healthy, Degraded or Aborted.")
  public String phase;

  public String message;

  public Long observedGeneration;

  @JsonPropertyDescription("Index of the step being run; equal to the number of steps when done.")
  public Integer currentStepIndex;

  @JsonPropertyDescription("pod-template-hash of the stable ReplicaSet.")
  public String stableRevision;

  @JsonPropertyDescription("pod-template-hash of the newest pod template.")
  public String updatedRevision;

  @StatusReplicas public Integer replicas;
  public Integer readyReplicas;
  @PrinterColumn(name = "Available", priority = 0)
  public Integer availableReplicas;
  public Integer updatedReplicas;
  public Integer updatedAvailableReplicas;

  @LabelSelector
  @JsonPropertyDescription("Label selector of the pods, as a string (for the scale subresource).")
  public String selector;

  public CanaryStatus canary;

  public BlueGreenStatus blueGreen;

  @JsonPropertyDescription("Why the rollout is paused. Clear it to promote past a pause.")
  public List<PauseCondition> pauseConditions;

  @JsonPropertyDescription("True while Ramp itself holds the rollout at a pause.")
  public Boolean controllerPause;

  @JsonPropertyDescription("Set to true to abort; set back to false to retry.")
  public Boolean abort;

  @JsonPropertyDescription("Why the rollout was aborted, while it stays aborted.")
  public String abortMessage;

  @JsonPropertyDescription("Set to true to skip all remaining steps.")
  public Boolean promoteFull;

  @JsonPropertyDescription("The spec.restartAt that has been carried out.")
  public String restartedAt;

  @JsonPropertyDescription(
      "Revision whose ReplicaSet the API server refused (see the InvalidSpec condition). Ramp"
          + " tries again when the template changes, or when this field is cleared.")
  public String refusedRevision;

  @JsonPropertyDescription("What the API server said when it refused that ReplicaSet.")
  public String refusal;

  @JsonPropertyDescription("What the gates and hooks of the current release (and the post-release"
      + " hooks of the last one) answered.")
  public List<GateStatus> gates;

  public List<RolloutCondition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Notifications fired for this rollout and whether they were sent.")
  public NotificationRecord notifications;

  /**
   * Set instead of the fields when the stored status could not be read: which field, and why.
   * Kept out of the CRD schema (see {@link Rollout}); it only lives in memory.
   */
  public String unreadable;
}
