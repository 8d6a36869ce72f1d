package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.List;

/**
 * Ramp's sequential judge: compares how often an event (an error, a slow request, any counter)
 * happens on the canary and on the stable revision at the same time, with a test that stays
 * valid however often it is looked at. Each measurement reads both revisions' counters; the
 * measurement is Failed as soon as the canary is worse with confidence 1 - alpha, Successful as
 * soon as its event rate is at most maxRatio times the stable's (after minRequests), and
 * Inconclusive otherwise. It reads one signal from its own source, or several {@code signals}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.prometheus), has(self.web), has(self.influxdb),"
    + " has(self.graphite), has(self.datadog), has(self.newRelic), has(self.cloudWatch)]"
    + ".filter(x, x).size() == (has(self.signals) ? 0 : 1)",
    message = "compare must read its counters from exactly one of prometheus, web, influxdb,"
        + " graphite, datadog, newRelic, cloudWatch, or list signals each reading from one")
public class CompareMetric extends CounterSources {
  @Required
  @JsonPropertyDescription("The canary's revision, e.g. {{args.canary}}; replaces {{revision}}"
      + " in the queries when the canary's counters are read.")
  public String canaryRevision;

  @Required
  @JsonPropertyDescription("The stable revision, e.g. {{args.stable}}.")
  public String stableRevision;

  @JsonPropertyDescription("Chance of rolling back a canary that is no worse than the stable,"
      + " over the whole analysis (split evenly among the signals). Default 0.01.")
  public Double alpha;

  @JsonPropertyDescription("Event rate ratio (canary over stable) still accepted, by each"
      + " signal without a maxRatio of its own. Default 1.5.")
  public Double maxRatio;

  @Min(0)
  @Max(1000000000)
  @JsonPropertyDescription("Canary requests needed before the canary can be accepted."
      + " Default 1000.")
  public Long minRequests;

  @Pattern("^(ratioMixture|betaBinomial)$")
  @JsonPropertyDescription("The regression test: ratioMixture (default; valid while the"
      + " canary's weight changes) or betaBinomial (only for a canary share that stays the same"
      + " during the whole analysis).")
  public String test;

  @Size(min = 1, max = 16)
  @ValidationRule(value = "self.all(s, self.exists_one(t, t.name == s.name))",
      message = "compare.signals must have different names")
  @JsonPropertyDescription("Instead of one counter source: several signals (errors, slow"
      + " requests, any counter pair), each with its own source, judged together at alpha"
      + " split among them.")
  public List<CompareSignal> signals;

  /**
   * Two instant PromQL queries per revision, {{revision}} replaced by each side's revision; or a
   * latency histogram, whose events are the requests slower than a bucket boundary.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ValidationRule(value = "has(self.histogram) ? has(self.slowerThan) && !has(self.events)"
      + " && !has(self.requests) : has(self.events) && has(self.requests)"
      + " && !has(self.slowerThan)",
      message = "compare.prometheus counts either events and requests (two queries) or the"
          + " requests of a histogram slowerThan a bucket boundary")
  public static class PrometheusCounters {
    @Required
    @JsonPropertyDescription("Prometheus' base URL, e.g. http://prometheus.monitoring:9090.")
    public String address;

    @JsonPropertyDescription("Total of the events counted (a scalar or a one-element vector),"
        + " e.g. sum(http_requests_total{revision=\"{{revision}}\",code=~\"5..\"}).")
    public String events;

    @JsonPropertyDescription("Total of the requests, e.g."
        + " sum(http_requests_total{revision=\"{{revision}}\"}).")
    public String requests;

    @JsonPropertyDescription("Instead of events and requests: a latency histogram, as its name"
        + " and the labels of one revision, e.g."
        + " http_request_duration_seconds{service=\"checkout\",revision=\"{{revision}}\"}."
        + " The requests are its count; the events are the requests slowerThan a boundary of"
        + " its buckets.")
    public String histogram;

    @Pattern("^[0-9]+(\\.[0-9]+)?(ms|s)$")
    @JsonPropertyDescription("With histogram: the events are the requests slower than this,"
        + " e.g. 300ms, read at the bucket whose upper boundary (le, in seconds) it is.")
    public String slowerThan;

    @JsonPropertyDescription("How long a query may take (default 10s).")
    public IntOrString timeout;

    public List<Header> headers;

    @JsonPropertyDescription("Skip the verification of Prometheus' TLS certificate, as for"
        + " provider.prometheus.")
    public Boolean insecure;

    @JsonPropertyDescription("A Secret key holding the PEM certificates of the CAs to trust, as"
        + " for provider.prometheus.")
    public SecretKeySelector ca;

    @JsonPropertyDescription("oauth2 or sigv4, as for provider.prometheus.")
    public PrometheusAuthentication authentication;
  }

  /** One GET per revision, {{revision}} replaced in the URL; two numbers picked from its JSON. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class WebCounters {
    @Required public String url;

    @Required
    @JsonPropertyDescription("Path to the event total, e.g. $.errors.")
    public String eventsPath;

    @Required
    @JsonPropertyDescription("Path to the request total, e.g. $.requests.")
    public String requestsPath;

    public List<Header> headers;

    @JsonPropertyDescription("How long a request may take (default 10s).")
    public IntOrString timeout;
  }

  /** Two InfluxDB queries per revision, {{revision}} replaced by each side's revision. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class InfluxDbCounters {
    @JsonPropertyDescription("The Secret holding the InfluxDB address and credentials, as for"
        + " provider.influxdb. Default influxdb.")
    public String profile;

    @Pattern("^(flux|influxql)$")
    @JsonPropertyDescription("flux (default) or influxql.")
    public String language;

    @JsonPropertyDescription("The database InfluxQL queries read.")
    public String database;

    @Required
    @JsonPropertyDescription("Total of the events counted (one row, or none for 0), e.g."
        + " SELECT sum(\"errors\") FROM \"requests\" WHERE \"revision\" = '{{revision}}'.")
    public String events;

    @Required
    @JsonPropertyDescription("Total of the requests (one row, or none for 0).")
    public String requests;

    @JsonPropertyDescription("How long a query may take (default 10s).")
    public IntOrString timeout;
  }

  /**
   * Two Datadog count queries per revision, {{revision}} replaced by each side's revision; each
   * total is the sum of the query's points since 00:00 UTC.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class DatadogCounters {
    @Pattern("^(v1|v2)$")
    @JsonPropertyDescription("Datadog's API, v1 (default) or v2, as for provider.datadog.")
    public String apiVersion;

    @Required
    @JsonPropertyDescription("The events counted, as one series of counts, e.g."
        + " sum:requests.errors{version:{{revision}}}.as_count().")
    public String events;

    @Required
    @JsonPropertyDescription("The requests, e.g. sum:requests{version:{{revision}}}.as_count().")
    public String requests;

    @JsonPropertyDescription("The Secret holding Datadog's keys, as for provider.datadog.")
    public DatadogMetric.SecretRef secretRef;

    @JsonPropertyDescription("How long a query may take (default 10s).")
    public IntOrString requestTimeout;
  }

  /** Two NRQL queries per revision, {{revision}} replaced by each side's revision. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class NewRelicCounters {
    @JsonPropertyDescription("The Secret holding the New Relic key and account, as for"
        + " provider.newRelic. Default newrelic.")
    public String profile;

    @Required
    @JsonPropertyDescription("The events counted since 00:00 UTC (Ramp adds SINCE and UNTIL),"
        + " one row with one number (none for 0), e.g. FROM Transaction SELECT count(*) WHERE"
        + " error IS true AND revision = '{{revision}}'.")
    public String events;

    @Required
    @JsonPropertyDescription("The requests, e.g. FROM Transaction SELECT count(*) WHERE"
        + " revision = '{{revision}}'.")
    public String requests;

    @JsonPropertyDescription("How long a query may take (default 10s).")
    public IntOrString timeout;
  }

  /**
   * Two CloudWatch metrics per revision, {{revision}} replaced in their dimension values; each
   * total is the metric's Sum since 00:00 UTC.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class CloudWatchCounters {
    @Required
    @JsonPropertyDescription("The metric counting the events, e.g. namespace: Checkout,"
        + " metricName: Errors, dimensions: [{name: Revision, value: '{{revision}}'}].")
    public CloudWatchMetric.StatMetric events;

    @Required
    @JsonPropertyDescription("The metric counting the requests, e.g. metricName: Requests.")
    public CloudWatchMetric.StatMetric requests;

    @JsonPropertyDescription("Seconds per data point read (default 60).")
    public IntOrString period;

    @JsonPropertyDescription("How long a call may take, the SDK's retries included (default"
        + " 10s).")
    public IntOrString timeout;
  }
}
