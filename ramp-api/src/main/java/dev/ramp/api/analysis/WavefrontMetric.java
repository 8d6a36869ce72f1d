package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.IntOrString;

/**
 * A Wavefront (Tanzu Observability, Aria Operations for Applications) query, with the fields of
 * Argo Rollouts' {@code wavefront} provider: {@code result} is the value each series has now, a
 * Double for one series and a list for several. The API token is read from the Secret
 * {@code wavefront-api-tokens}, keyed by the address, as Argo keeps it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WavefrontMetric {
  @Required
  @JsonPropertyDescription("The Wavefront cluster, e.g. example.wavefront.com (https) or a URL;"
      + " it is also the key of the API token in Secret wavefront-api-tokens.")
  public String address;

  @Required
  @JsonPropertyDescription("A Wavefront query (WQL), e.g. sum(rate(ts(requests.errors,"
      + " version=\"v2\"))).")
  public String query;

  @JsonPropertyDescription("How long a query may take (default 10s).")
  public IntOrString timeout;
}
