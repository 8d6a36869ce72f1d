package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.IntOrString;

/**
 * A New Relic NRQL query, with the fields of Argo Rollouts' {@code newRelic} provider:
 * {@code result} is the row the query answers, a map by column name (e.g.
 * {@code result.successRate}), or a list of the rows when it answers several.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NewRelicMetric {
  @JsonPropertyDescription("The Secret, in the AnalysisRun's namespace, holding"
      + " personal-api-key, account-id, region (us, the default, or eu) and optionally"
      + " base-url-nerdgraph. Default: Secret newrelic.")
  public String profile;

  @Required
  @JsonPropertyDescription("An NRQL query answering one row, e.g. FROM Transaction SELECT"
      + " percentage(count(*), WHERE httpResponseCode != 500) AS successRate WHERE"
      + " appName = 'checkout'.")
  public String query;

  @JsonPropertyDescription("How long a query may take (default 10s).")
  public IntOrString timeout;
}
