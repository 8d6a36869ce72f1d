package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class AnalysisRunStatus {
  @PrinterColumn(name = "Phase")
  public String phase;

  public String message;
  public String startedAt;
  public List<MetricResult> metricResults;
}
