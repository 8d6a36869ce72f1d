package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.IntOrString;
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

  @JsonPropertyDescription("Background analysis only: when it has a compare metric (Ramp's"
      + " judge), the canary does not go to full promotion until the judge accepts it (every"
      + " compare metric's latest measurement Successful); it holds its weight meanwhile."
      + " Default true; false promotes on the steps' schedule.")
  public Boolean awaitAcceptance;

  @JsonPropertyDescription("Background analysis only: how long the canary may hold for the"
      + " judge's acceptance before it pauses for a person (Inconclusive): seconds, or a"
      + " duration such as 30m. Absent: it holds as long as it takes.")
  public IntOrString maxWait;

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
