package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;

/** An instant PromQL query; {@code result} is its value (a scalar or a list, in label order). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PrometheusMetric {
  @Required
  @JsonPropertyDescription("Prometheus' base URL, e.g. http://prometheus.monitoring:9090.")
  public String address;

  @Required public String query;

  @JsonPropertyDescription("How long a query may take (default 10s).")
  public IntOrString timeout;

  public List<Header> headers;
}
