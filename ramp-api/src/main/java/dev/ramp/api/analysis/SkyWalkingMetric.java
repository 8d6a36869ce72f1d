package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.IntOrString;

/**
 * An Apache SkyWalking GraphQL query, with the fields of Argo Rollouts' {@code skywalking}
 * provider: {@code result} is the answer's {@code data}, a map by the query's fields (e.g.
 * {@code result.service_apdex.values.values}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SkyWalkingMetric {
  @Required
  @JsonPropertyDescription("The SkyWalking OAP server, e.g. http://skywalking-oap:12800; the"
      + " query goes to its /graphql.")
  public String address;

  @Required
  @JsonPropertyDescription("A GraphQL query of SkyWalking's query protocol taking"
      + " $duration: Duration!, e.g. query($duration: Duration!) { service_apdex:"
      + " readMetricsValues(duration: $duration, condition: {...}) { values { values"
      + " { value } } } }.")
  public String query;

  @JsonPropertyDescription("The window measured, ending now, sent as $duration by the minute:"
      + " 30s, 5m, 1h (default 5m).")
  public String interval;

  @JsonPropertyDescription("How long a query may take (default 30s).")
  public IntOrString timeout;
}
