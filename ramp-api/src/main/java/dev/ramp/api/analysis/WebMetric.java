package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;

/** An HTTP endpoint answering JSON; {@code jsonPath} picks the value that becomes result. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WebMetric {
  @Required public String url;

  @JsonPropertyDescription("GET (default), POST or PUT.")
  public String method;

  public List<Header> headers;

  public String body;

  @JsonPropertyDescription("Path to the value, e.g. $.data.errorRate; the whole body when absent.")
  public String jsonPath;

  @JsonPropertyDescription("How long a request may take (default 10s).")
  public IntOrString timeout;
}
