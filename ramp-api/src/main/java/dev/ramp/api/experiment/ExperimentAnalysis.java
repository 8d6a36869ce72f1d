package dev.ramp.api.experiment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ramp.api.analysis.Argument;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** An analysis an experiment runs: an AnalysisRun from one template. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExperimentAnalysis {
  @Required
  @JsonPropertyDescription("Unique in the experiment; names its AnalysisRun"
      + " (<experiment>-<name>).")
  public String name;

  @Required public String templateName;

  @JsonPropertyDescription("templateName is a ClusterAnalysisTemplate.")
  public Boolean clusterScope;

  public List<Argument> args;

  @JsonPropertyDescription("The experiment does not end before this analysis has succeeded.")
  public Boolean requiredForCompletion;
}
