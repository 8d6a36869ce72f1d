package dev.ramp.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.IntOrString;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PauseStep {
  @JsonPropertyDescription(
      "How long to wait: seconds, or a duration such as 30s, 5m, 1h30m. Absent: wait for a"
          + " person to promote.")
  public IntOrString duration;

  public PauseStep() {}

  public PauseStep(String duration) {
    this.duration = duration == null ? null : new IntOrString(duration);
  }
}
