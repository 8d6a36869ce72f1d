package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** One measurement of a metric. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Measurement {
  public String phase;
  /** The value as text (a number, or a list of numbers). */
  public String value;
  public String message;
  public String startedAt;
  public String finishedAt;
  /** What a provider needs to finish a measurement later (a Job's name, say). */
  public Map<String, String> metadata;
  /** A compare metric's verdict at this measurement. */
  public CompareMeasurement compare;
}
