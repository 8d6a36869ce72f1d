package dev.ramp.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class BlueGreenStatus {
  @JsonPropertyDescription("Revision the active Service selects.")
  public String activeSelector;

  @JsonPropertyDescription("Revision the preview Service selects.")
  public String previewSelector;

  public String prePromotionAnalysisRun;
  public String postPromotionAnalysisRun;
}
