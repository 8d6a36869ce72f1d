package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.SecretKeySelector;

/** A named value a metric uses as {@code {{args.name}}}: given, or read when measuring. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!(has(self.value) && has(self.valueFrom))",
    message = "an argument has a value or valueFrom, not both")
public class Argument {
  @Required public String name;

  @JsonPropertyDescription("The value; in a template, the default when a rollout gives none.")
  public String value;

  public ValueFrom valueFrom;

  public Argument() {}

  public Argument(String name, String value) {
    this.name = name;
    this.value = value;
  }

  /** Where an argument's value is read from. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ValidationRule(value = "has(self.secretKeyRef) != has(self.fieldRef)",
      message = "valueFrom needs exactly one of secretKeyRef, fieldRef")
  public static class ValueFrom {
    @JsonPropertyDescription("A key of a Secret in the rollout's namespace, read at each"
        + " measurement and never written anywhere.")
    public SecretKeySelector secretKeyRef;

    @JsonPropertyDescription("A field of the Rollout, such as metadata.name,"
        + " metadata.labels['app'] or status.updatedRevision.")
    public FieldRef fieldRef;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class FieldRef {
    @Required public String fieldPath;
  }
}
