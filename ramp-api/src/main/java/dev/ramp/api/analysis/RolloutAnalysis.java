package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** The analysis a rollout runs: which templates, with which arguments. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutAnalysis {
  @Required
  @Size(min = 1)
  public List<TemplateRef> templates;

  public List<Argument> args;

  @Min(0)
  @JsonPropertyDescription("Background analysis only: the step index it starts at (default 0).")
  public Integer startingStep;

  /** An AnalysisTemplate in the rollout's namespace, or a ClusterAnalysisTemplate. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class TemplateRef {
    @Required public String templateName;
    public Boolean clusterScope;

    public TemplateRef() {}

    public TemplateRef(String templateName) {
      this.templateName = templateName;
    }
  }
}
