package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.List;

/**
 * A PromQL query; {@code result} is its value (a scalar or a list, in label order), or with
 * {@code rangeQuery} every value of every series over the range.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PrometheusMetric {
  @Required
  @JsonPropertyDescription("Prometheus' base URL, e.g. http://prometheus.monitoring:9090.")
  public String address;

  @Required public String query;

  @JsonPropertyDescription("How long a query may take (default 10s).")
  public IntOrString timeout;

  public List<Header> headers;

  @JsonPropertyDescription("Skip the verification of Prometheus' TLS certificate.")
  public Boolean insecure;

  @JsonPropertyDescription("A Secret key holding the PEM certificates of the CAs that sign"
      + " Prometheus' TLS certificate, trusted in place of the JVM's.")
  public SecretKeySelector ca;

  @JsonPropertyDescription("OAuth2 client credentials (a token from tokenUrl, sent as Bearer),"
      + " or sigv4 (AWS Signature Version 4).")
  public PrometheusAuthentication authentication;

  @JsonPropertyDescription("Query a range (GET /api/v1/query_range) rather than an instant;"
      + " result is every value of every series.")
  public PrometheusRangeQuery rangeQuery;
}
