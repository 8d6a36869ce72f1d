package dev.ramp.controller;

import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.DatadogMetric;
import java.util.Map;

/** The judge on Datadog counts ({@link DatadogCounts}), keys in the Secret secretRef names. */
class DatadogJudgeTest extends CountingProviderJudgeTest {
  @Override
  Counts startCounts() {
    return new DatadogCounts();
  }

  @Override
  Map<String, String> secret(Counts counts) {
    return Map.of("api-key", DatadogCounts.API_KEY, "app-key", DatadogCounts.APP_KEY,
        "address", ((DatadogCounts) counts).address());
  }

  @Override
  void counters(CompareMetric compare, String secret) {
    compare.datadog = new CompareMetric.DatadogCounters();
    compare.datadog.apiVersion = "v2";
    compare.datadog.events = "sum:requests.errors{version:{{revision}}}.as_count()";
    compare.datadog.requests = "sum:requests{version:{{revision}}}.as_count()";
    compare.datadog.secretRef = new DatadogMetric.SecretRef();
    compare.datadog.secretRef.name = secret;
  }

  @Override
  String name() {
    return "dd";
  }
}
