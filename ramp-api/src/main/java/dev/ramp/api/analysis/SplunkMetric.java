package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;

/**
 * A Splunk Observability (SignalFx) SignalFlow program, with the fields of Flagger's
 * {@code splunk} metric template ({@code address}, {@code secretRef} holding
 * {@code sf_token_key}, the query): {@code result} is the latest value each published series
 * has over the last {@code interval}, a Double for one series and a list for several.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SplunkMetric {
  @Required
  @JsonPropertyDescription("The realm's API or stream address, e.g. https://api.us1.signalfx.com"
      + " (asked at https://stream.us1.signalfx.com) or wss://stream.us1.signalfx.com.")
  public String address;

  @Required
  @JsonPropertyDescription("A SignalFlow program publishing the measured series, e.g."
      + " data('requests.errors', filter=filter('version', 'v2')).sum().publish().")
  public String query;

  @JsonPropertyDescription("The Secret, in the AnalysisRun's namespace, holding sf_token_key,"
      + " an access token with the API scope. Default: Secret splunk.")
  public LocalObjectReference secretRef;

  @JsonPropertyDescription("The window computed, ending now: 30s, 5m, 1h (default 5m).")
  public String interval;

  @JsonPropertyDescription("How long a computation may take (default 10s).")
  public IntOrString timeout;
}
