package dev.ramp.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!(has(self.template) && has(self.workloadRef))",
    message = "template and workloadRef are mutually exclusive: set one of them")
@ValidationRule(
    value = "has(self.template) || has(self.workloadRef)",
    message = "a pod template is required: set template or workloadRef")
public class RolloutSpec {
  @SpecReplicas
  @Min(0)
  @JsonPropertyDescription("Number of pods wanted when the rollout is complete. Defaults to 1.")
  public Integer replicas;

  @JsonPropertyDescription(
      "Label selector for the pods. Must match the template's labels. With workloadRef it defaults"
          + " to the Deployment's selector.")
  public LabelSelector selector;

  // Kept whole, as Deployments keep it: no schema below this point, so that pod fields of newer
  // Kubernetes versions are not pruned. The API server checks the template when Ramp creates
  // the ReplicaSet.
  @PreserveUnknownFields
  @SchemaFrom(type = AnyType.class)
  @JsonPropertyDescription("Pod template of the version to roll out.")
  public PodTemplateSpec template;

  @JsonPropertyDescription(
      "Use the pod template of an existing Deployment instead of template. The Deployment is"
          + " scaled to zero once the Rollout is healthy.")
  public WorkloadRef workloadRef;

  @Min(0)
  @JsonPropertyDescription("Old ReplicaSets kept for undo. Defaults to 10.")
  public Integer revisionHistoryLimit;

  @Min(1)
  @JsonPropertyDescription(
      "Seconds a rollout may go without progress before it is marked Degraded. Defaults to 600.")
  public Integer progressDeadlineSeconds;

  @JsonPropertyDescription("Abort the rollout when the progress deadline is exceeded.")
  public Boolean progressDeadlineAbort;

  @JsonPropertyDescription("Stop moving through the steps until set back to false.")
  public Boolean paused;

  @JsonPropertyDescription(
      "Recreate every pod created before this time (RFC 3339), a few at a time.")
  public String restartAt;

  @Required public RolloutStrategy strategy;

  /**
   * Set instead of the fields when the stored spec could not be read: which field, and why.
   * Kept out of the CRD schema (see {@link Rollout}); it only lives in memory.
   */
  public String unreadable;
}
