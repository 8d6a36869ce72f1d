package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The judge's numbers for one of a compare metric's signals at one measurement. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SignalMeasurement extends JudgeNumbers {
  public String name;
}
