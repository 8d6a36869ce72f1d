package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;

/** Two Graphite render queries per revision, {{revision}} replaced by each side's revision. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GraphiteCounters {
  @Required
  @JsonPropertyDescription("Graphite's base URL, e.g. http://graphite.monitoring:8080.")
  public String address;

  @Required
  @JsonPropertyDescription("The events counted so far: render parameters giving one series"
      + " whose last value is the running total (none yet for 0), e.g."
      + " target=sumSeries(app.{{revision}}.*.errors.count).")
  public String events;

  @Required
  @JsonPropertyDescription("The requests counted so far, as events, e.g."
      + " target=sumSeries(app.{{revision}}.*.requests.count).")
  public String requests;

  @JsonPropertyDescription("How long a query may take (default 10s).")
  public IntOrString timeout;

  @JsonPropertyDescription("Headers sent with each query, e.g. Authorization.")
  public List<Header> headers;
}
