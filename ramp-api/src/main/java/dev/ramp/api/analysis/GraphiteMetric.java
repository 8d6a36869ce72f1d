package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;

/**
 * A Graphite render query, as Argo Rollouts' {@code graphite} provider takes it ({@code address},
 * {@code query}); {@code result} is the list of the answer's values, every series' points in
 * turn, without the empty (null) ones.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GraphiteMetric {
  @Required
  @JsonPropertyDescription("Graphite's base URL, e.g. http://graphite.monitoring:8080; the"
      + " query goes to its /render.")
  public String address;

  @Required
  @JsonPropertyDescription("The render API's parameters, e.g. target=sumSeries(app.*.errors)"
      + "&from=-5min; whitespace is removed, so a target may span lines. format=json is added.")
  public String query;

  @JsonPropertyDescription("How long a query may take (default 10s).")
  public IntOrString timeout;

  @JsonPropertyDescription("Headers sent with the query, e.g. an Authorization header whose"
      + " value comes from a Secret through an argument.")
  public List<Header> headers;
}
