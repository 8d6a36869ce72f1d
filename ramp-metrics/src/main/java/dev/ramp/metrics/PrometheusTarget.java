package dev.ramp.metrics;

import dev.ramp.api.analysis.CompareMetric.PrometheusCounters;
import dev.ramp.api.analysis.Header;
import dev.ramp.api.analysis.PrometheusAuthentication;
import dev.ramp.api.analysis.PrometheusMetric;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.List;

/**
 * The Prometheus a query goes to and how to reach it: what {@code provider.prometheus} and
 * {@code compare.prometheus} share, so that both connect the same way.
 */
record PrometheusTarget(String address, IntOrString timeout, List<Header> headers,
    boolean insecure, SecretKeySelector ca, PrometheusAuthentication authentication) {

  static PrometheusTarget of(PrometheusMetric metric) {
    return new PrometheusTarget(metric.address, metric.timeout, metric.headers,
        Boolean.TRUE.equals(metric.insecure), metric.ca, metric.authentication);
  }

  static PrometheusTarget of(PrometheusCounters counters) {
    return new PrometheusTarget(counters.address, counters.timeout, counters.headers,
        Boolean.TRUE.equals(counters.insecure), counters.ca, counters.authentication);
  }
}
