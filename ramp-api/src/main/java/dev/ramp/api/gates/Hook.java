package dev.ramp.api.gates;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ramp.api.analysis.JobMetric;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** A call before or after a release: a URL (2xx succeeds) or a Job (its success succeeds). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Hook {
  @Required public String name;

  @JsonPropertyDescription("Called once with a POST and a JSON body; a 2xx answer succeeds.")
  public String url;

  public List<GateHeader> headers;

  @JsonPropertyDescription("A Job run in the rollout's namespace (pre-release hooks only);"
      + " the hook succeeds when it completes.")
  public JobMetric job;

  public Hook() {}

  public Hook(String name, String url) {
    this.name = name;
    this.url = url;
  }
}
