package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.IntOrString;

/**
 * An instant PromQL query to Google Cloud Monitoring's Prometheus-compatible API, authenticated
 * with the controller's Application Default Credentials: {@code result} is what the same query
 * gives with {@code prometheus}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GoogleCloudMonitoringMetric {
  @Required
  @JsonPropertyDescription("The Google Cloud project whose metrics are queried, e.g."
      + " my-project (its ID, not its number).")
  public String project;

  @Required
  @JsonPropertyDescription("A PromQL query, e.g. sum(rate(http_requests_total{code=~\"5..\"}"
      + "[5m])) / sum(rate(http_requests_total[5m])).")
  public String query;

  @JsonPropertyDescription("The Prometheus API's address. Default: https://monitoring"
      + ".googleapis.com/v1/projects/<project>/location/global/prometheus.")
  public String address;

  @JsonPropertyDescription("How long a query may take (default 10s).")
  public IntOrString timeout;
}
