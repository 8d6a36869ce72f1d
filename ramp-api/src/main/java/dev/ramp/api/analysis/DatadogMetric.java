package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.Map;

/**
 * A Datadog query, with the fields of Argo Rollouts' {@code datadog} provider: {@code query}
 * (v1 or v2), or {@code queries} and a {@code formula} (v2); {@code result} is the value the
 * series ends with over the last {@code interval} (or its {@code aggregator}), a list of them
 * when the query answers several series.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatadogMetric {
  @Pattern("^(v1|v2)$")
  @JsonPropertyDescription("Datadog's API: v1 (default, GET /api/v1/query) or v2"
      + " (POST /api/v2/query/timeseries, which takes queries and a formula).")
  public String apiVersion;

  @JsonPropertyDescription("A metric query, e.g. sum:requests.error.rate{service:checkout}.")
  public String query;

  @JsonPropertyDescription("v2: named queries, e.g. {a: ..., b: ...}, which formula combines.")
  public Map<String, String> queries;

  @JsonPropertyDescription("v2: the formula over the named queries, e.g. a / b.")
  public String formula;

  @JsonPropertyDescription("The window measured, ending now: 30s, 5m, 1h (default 5m).")
  public String interval;

  @Pattern("^(last|avg|mean|min|max|sum|l2norm)$")
  @JsonPropertyDescription("How the window's points become result: last (default), avg, mean,"
      + " min, max, sum or l2norm.")
  public String aggregator;

  @JsonPropertyDescription("The Secret, in the AnalysisRun's namespace, holding api-key,"
      + " app-key and address (default https://api.datadoghq.com). Default: Secret datadog.")
  public SecretRef secretRef;

  @JsonPropertyDescription("How long a query may take (default 10s).")
  public IntOrString requestTimeout;

  /** Argo Rollouts' reference to the Secret holding Datadog's keys. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class SecretRef {
    @JsonPropertyDescription("The Secret's name (default datadog).")
    public String name;

    @JsonPropertyDescription("Accepted as Argo Rollouts writes it; Ramp always reads the Secret"
        + " in the AnalysisRun's namespace.")
    public Boolean namespaced;
  }
}
