package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** What one metric of a run has measured so far. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MetricResult {
  public String name;
  public String phase;
  public String message;
  public Boolean dryRun;
  /** The newest measurements, oldest first, at most measurementRetention of them. */
  public List<Measurement> measurements;
  public Integer count;
  public Integer successful;
  public Integer failed;
  public Integer inconclusive;
  public Integer error;
  public Integer consecutiveError;
  /** A compare metric's running state. */
  public CompareState compare;
}
