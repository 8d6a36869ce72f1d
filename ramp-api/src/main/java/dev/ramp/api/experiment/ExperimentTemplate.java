package dev.ramp.api.experiment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

/** One version an experiment runs. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExperimentTemplate {
  @Required
  @JsonPropertyDescription("Unique in the experiment; names its ReplicaSet"
      + " (<experiment>-<name>).")
  public String name;

  @Min(0)
  @JsonPropertyDescription("Number of pods. Defaults to 1.")
  public Integer replicas;

  @JsonPropertyDescription("Label selector for the pods. Must match the template's labels.")
  public LabelSelector selector;

  // Kept whole, as in a Rollout: the API server checks it when Ramp creates the ReplicaSet.
  @PreserveUnknownFields
  @SchemaFrom(type = AnyType.class)
  @JsonPropertyDescription("Pod template of this version.")
  public PodTemplateSpec template;

  @PreserveUnknownFields
  @SchemaFrom(type = AnyType.class)
  @JsonPropertyDescription("Labels and annotations added to the ReplicaSet's pods.")
  public ObjectMeta metadata;

  @JsonPropertyDescription("A Service selecting this version's pods, deleted when the"
      + " experiment ends.")
  public ServiceRef service;

  @Min(0)
  @Max(100)
  @JsonPropertyDescription("Share of traffic (percent) for this version; it gets a Service."
      + " Routed by the Gateway API router of the Rollout whose experiment step made the"
      + " experiment; a standalone experiment's share comes from the replica count (see docs).")
  public Integer weight;

  /** The Service of a template: named after it unless a name is given. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ServiceRef {
    @JsonPropertyDescription("Name of the Service. Defaults to <experiment>-<template>.")
    public String name;
  }
}
