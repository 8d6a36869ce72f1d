package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * The running state of a compare metric, kept in the AnalysisRun's status so that a restarted
 * controller continues the test where it was instead of starting over: a metric with one source
 * keeps its signal's state in these fields, one with several signals in {@link #signals}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CompareState extends JudgedCounters {
  @JsonPropertyDescription("The canary weight (percent) the rollout had set at the last reading;"
      + " a new one is read at once when it changes.")
  public Integer canaryWeight;

  @JsonPropertyDescription("Each signal's state, for a metric with several signals.")
  public List<SignalState> signals;
}
