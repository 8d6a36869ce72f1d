package dev.ramp.api.experiment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ramp.api.RolloutCondition;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import java.util.List;

@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExperimentStatus {
  @PrinterColumn(name = "Phase")
  @JsonPropertyDescription("Pending, Running, Successful, Failed, Error or Inconclusive.")
  public String phase;

  public String message;

  @JsonPropertyDescription("When every template's pods were first available.")
  public String availableAt;

  @JsonPropertyDescription("When the experiment ended; its pods are scaled down"
      + " scaleDownDelaySeconds later.")
  public String finishedAt;

  public List<TemplateStatus> templateStatuses;

  public List<AnalysisRunStatus> analysisRuns;

  @JsonPropertyDescription("Conditions as on a Rollout: ReconcileError while the experiment's"
      + " reconciles fail on an error Ramp did not expect.")
  public List<RolloutCondition> conditions;

  /** One template's ReplicaSet. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class TemplateStatus {
    public String name;
    public Integer replicas;
    public Integer readyReplicas;
    public Integer availableReplicas;

    @JsonPropertyDescription("Progressing, Running, Successful, Failed or Error.")
    public String status;

    public String podTemplateHash;
    public String serviceName;
  }

  /** One analysis' run. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class AnalysisRunStatus {
    @JsonPropertyDescription("The analysis' name in the spec.")
    public String name;

    @JsonPropertyDescription("The AnalysisRun's name.")
    public String analysisRun;

    public String phase;
    public String message;
  }
}
