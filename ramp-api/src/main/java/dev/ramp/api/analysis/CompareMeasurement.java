package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * What the judge concluded at one measurement of a compare metric: for one source, its numbers in
 * these fields; for several signals, each signal's in {@link #signals}, and here only the weight
 * and the most canary requests any undecided signal still needs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CompareMeasurement extends JudgeNumbers {
  @JsonPropertyDescription("The canary weight (percent) under which this measurement's batch was"
      + " served, when the rollout said.")
  public Integer canaryWeight;

  @JsonPropertyDescription("Each signal's numbers, for a metric with several signals.")
  public List<SignalMeasurement> signals;
}
