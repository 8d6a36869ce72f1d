package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class AnalysisRunSpec {
  @JsonPropertyDescription("Arguments: values, or where to read them (Secrets are read only when"
      + " measuring and never copied here).")
  public List<Argument> args;

  @Required public List<Metric> metrics;

  @JsonPropertyDescription("Set to stop measuring; the run ends with what it has.")
  public Boolean terminate;
}
