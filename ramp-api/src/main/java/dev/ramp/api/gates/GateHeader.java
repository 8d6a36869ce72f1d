package dev.ramp.api.gates;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.SecretKeySelector;

/** A header of a gate's or hook's request: a value, or a key of a Secret in the namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GateHeader {
  @Required public String name;

  public String value;

  @JsonPropertyDescription("Take the value from a Secret of the rollout's namespace.")
  public ValueFrom valueFrom;

  public GateHeader() {}

  public GateHeader(String name, String value) {
    this.name = name;
    this.value = value;
  }

  /** Where a header's value comes from. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ValueFrom {
    @Required public SecretKeySelector secretKeyRef;
  }
}
