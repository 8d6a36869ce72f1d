package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class AnalysisTemplateSpec {
  public List<Argument> args;

  @Required
  @Size(min = 1, max = 50)
  public List<Metric> metrics;
}
