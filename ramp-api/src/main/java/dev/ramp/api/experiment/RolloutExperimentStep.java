package dev.ramp.api.experiment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;

/**
 * A canary step that runs an Experiment of the rollout's stable and canary pod templates, as
 * Argo Rollouts' experiment step: the step ends when it succeeds, and the rollout is aborted
 * when it fails.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutExperimentStep {
  @JsonPropertyDescription("How long the experiment runs once its pods are available. Without"
      + " it, it ends when the analyses requiredForCompletion have succeeded.")
  public String duration;

  @Required
  @Size(min = 1)
  public List<Template> templates;

  public List<ExperimentAnalysis> analyses;

  /** A version the experiment runs: the rollout's stable or canary pod template. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Template {
    @Required
    @JsonPropertyDescription("Unique in the step; names the ReplicaSet"
        + " (<experiment>-<name>).")
    public String name;

    @Required
    @JsonPropertyDescription("The pod template: stable (the stable revision's) or canary (the"
        + " revision being rolled out).")
    public SpecRef specRef;

    @Min(0)
    @JsonPropertyDescription("Number of pods. Defaults to 1.")
    public Integer replicas;

    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Share of requests (percent) the Gateway API router sends to this"
        + " template's Service (made for it) while the experiment runs, out of the stable's."
        + " Refused without a router (the replicas give the share) and with other routers"
        + " (see docs).")
    public Integer weight;

    @JsonPropertyDescription("Label selector for the pods. Defaults to the rollout's.")
    public LabelSelector selector;

    @PreserveUnknownFields
    @SchemaFrom(type = AnyType.class)
    @JsonPropertyDescription("Labels and annotations added to the pods.")
    public ObjectMeta metadata;

    @JsonPropertyDescription("A Service selecting this version's pods.")
    public ExperimentTemplate.ServiceRef service;
  }

  /** Which of the rollout's pod templates a template runs. */
  public enum SpecRef { stable, canary }
}
