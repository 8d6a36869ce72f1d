package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ramp.api.RolloutCondition;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class AnalysisRunStatus {
  @PrinterColumn(name = "Phase")
  public String phase;

  public String message;
  public String startedAt;
  public List<MetricResult> metricResults;

  @JsonPropertyDescription("Conditions as on a Rollout: ReconcileError while the run's"
      + " reconciles fail on an error Ramp did not expect.")
  public List<RolloutCondition> conditions;
}
