package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** The range of a range query, with Argo Rollouts' field names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PrometheusRangeQuery {
  @Required
  @JsonPropertyDescription("A CEL expression giving a timestamp, e.g. now() - duration(\"5m\")"
      + " or timestamp(\"2026-01-01T00:00:00Z\").")
  public String start;

  @Required
  @JsonPropertyDescription("A CEL expression giving a timestamp, e.g. now().")
  public String end;

  @Required
  @JsonPropertyDescription("The resolution, as Prometheus reads it: a duration (30s, 1m) or"
      + " seconds.")
  public String step;
}
