package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;

/**
 * A Dynatrace metric selector, with the fields of Flagger's {@code dynatrace} metric template
 * ({@code address}, {@code secretRef} holding {@code dynatrace_token}, the query): {@code result}
 * is each series' value over the last {@code interval}, a Double for one series and a list for
 * several.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DynatraceMetric {
  @Required
  @JsonPropertyDescription("The Dynatrace environment, e.g. https://abc12345.live.dynatrace.com"
      + " (SaaS) or https://dynatrace.example.com/e/<environment-id> (Managed).")
  public String address;

  @Required
  @JsonPropertyDescription("A metric selector, e.g. builtin:service.errors.total.rate"
      + ":filter(eq(\"dt.entity.service\",\"SERVICE-1234\")):avg.")
  public String query;

  @JsonPropertyDescription("The Secret, in the AnalysisRun's namespace, holding"
      + " dynatrace_token, an API token with the metrics.read scope. Default: Secret dynatrace.")
  public LocalObjectReference secretRef;

  @JsonPropertyDescription("The window measured, ending now: 30s, 5m, 1h (default 5m).")
  public String interval;

  @JsonPropertyDescription("How long a query may take (default 10s).")
  public IntOrString timeout;
}
