package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The judge's state of one of a compare metric's signals. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SignalState extends JudgedCounters {
  public String name;
}
