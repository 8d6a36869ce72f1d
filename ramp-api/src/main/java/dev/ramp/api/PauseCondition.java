package dev.ramp.api;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PauseCondition {
  public static final String CANARY_PAUSE_STEP = "CanaryPauseStep";
  public static final String BLUE_GREEN_PAUSE = "BlueGreenPause";
  public static final String INCONCLUSIVE_ANALYSIS = "InconclusiveAnalysis";

  public String reason;
  public String startTime;

  public PauseCondition() {}

  public PauseCondition(String reason, String startTime) {
    this.reason = reason;
    this.startTime = startTime;
  }
}
