package dev.ramp.api.gates;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/**
 * A URL Ramp polls during a release: a 2xx answer whose JSON body says
 * {@code {"rollback": true, "reason": "..."}} aborts the release with that reason.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RollbackHook {
  @Required public String url;

  @JsonPropertyDescription("How often to ask: seconds or a duration such as 30s. Defaults to"
      + " 30s.")
  public String interval;

  public List<GateHeader> headers;
}
