package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.IntOrString;

/**
 * An InfluxDB query, as Argo Rollouts' {@code influxdb} provider takes it ({@code profile},
 * {@code query} in Flux), plus InfluxQL for InfluxDB 1.x; {@code result} is the list of its rows'
 * values.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InfluxDbMetric {
  @JsonPropertyDescription("The Secret, in the AnalysisRun's namespace, holding address,"
      + " authToken and org (Flux), or address and authToken or username and password"
      + " (InfluxQL). Default influxdb.")
  public String profile;

  @Required
  @JsonPropertyDescription("The query, in Flux unless language is influxql; it must give one"
      + " value per row (Flux: the _value column; InfluxQL: one selected field).")
  public String query;

  @Pattern("^(flux|influxql)$")
  @JsonPropertyDescription("flux (default, InfluxDB 2.x's /api/v2/query) or influxql"
      + " (InfluxDB 1.x's /query).")
  public String language;

  @JsonPropertyDescription("The database an InfluxQL query reads (the db parameter of /query).")
  public String database;

  @JsonPropertyDescription("How long a query may take (default 10s).")
  public IntOrString timeout;
}
