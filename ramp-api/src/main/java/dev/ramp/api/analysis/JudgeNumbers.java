package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The judge's numbers for one signal at one measurement. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class JudgeNumbers {
  @JsonPropertyDescription("Canary and stable requests and events taken in so far.")
  public Long canaryRequests;
  public Long canaryEvents;
  public Long stableRequests;
  public Long stableEvents;

  @JsonPropertyDescription("Evidence that the canary is worse; 1/alpha or more rolls it back.")
  public String eValue;

  @JsonPropertyDescription("Estimated event rate ratio, canary over stable.")
  public String ratio;

  @JsonPropertyDescription("Lower end of the ratio's confidence sequence.")
  public String ratioLower;

  @JsonPropertyDescription("Upper end of the ratio's confidence sequence (Inf: unbounded yet).")
  public String ratioUpper;

  @JsonPropertyDescription("Roughly how many more canary requests a decision needs.")
  public Long moreRequestsNeeded;
}
