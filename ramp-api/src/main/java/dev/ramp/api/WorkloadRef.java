package dev.ramp.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** Points a Rollout at an existing Deployment whose pod template it rolls out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkloadRef {
  public String apiVersion;
  public String kind;
  @Required public String name;

  public WorkloadRef() {}

  public WorkloadRef(String apiVersion, String kind, String name) {
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.name = name;
  }
}
