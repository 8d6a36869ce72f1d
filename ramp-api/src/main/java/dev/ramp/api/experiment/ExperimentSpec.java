package dev.ramp.api.experiment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

// A field of a newer Ramp (or a typo) must not stop the watch of every experiment: each class
// of the Experiment kind ignores the fields it does not know.
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExperimentSpec {
  @Required
  @Size(min = 1)
  @JsonPropertyDescription("The versions to run: one ReplicaSet each.")
  public List<ExperimentTemplate> templates;

  @JsonPropertyDescription("How long the experiment runs once its pods are available (30s, 5m,"
      + " 1h). Without it, it ends when the analyses requiredForCompletion have succeeded.")
  public String duration;

  @Min(1)
  @JsonPropertyDescription("Seconds the pods may take to become available before the"
      + " experiment fails. Defaults to 600.")
  public Integer progressDeadlineSeconds;

  @JsonPropertyDescription("Analyses run while the experiment runs.")
  public List<ExperimentAnalysis> analyses;

  @JsonPropertyDescription("Metrics whose failure is recorded but does not fail an analysis.")
  public List<DryRun> dryRun;

  @Min(0)
  @JsonPropertyDescription("Seconds the pods keep running after the experiment ends. Defaults"
      + " to 30.")
  public Integer scaleDownDelaySeconds;

  @JsonPropertyDescription("Set to end the experiment now: its analyses are stopped.")
  public Boolean terminate;

  /** A metric run in dry-run mode. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class DryRun {
    @Required public String metricName;

    public DryRun() {}

    public DryRun(String metricName) {
      this.metricName = metricName;
    }
  }
}
