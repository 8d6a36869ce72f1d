package dev.ramp.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.IntOrString;

/** A canary step that holds until the background analysis's judge accepts the canary. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AwaitAcceptanceStep {
  @JsonPropertyDescription("How long to hold before pausing for a person (Inconclusive):"
      + " seconds, or a duration such as 10m. Absent: the background analysis's maxWait, if any.")
  public IntOrString maxWait;

  public AwaitAcceptanceStep() {}

  public AwaitAcceptanceStep(String maxWait) {
    this.maxWait = maxWait == null ? null : new IntOrString(maxWait);
  }
}
