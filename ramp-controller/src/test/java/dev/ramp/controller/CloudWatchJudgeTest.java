package dev.ramp.controller;

import dev.ramp.api.analysis.CloudWatchMetric;
import dev.ramp.api.analysis.CompareMetric;
import java.util.List;
import java.util.Map;

/**
 * The judge on CloudWatch Sums ({@link CloudWatchCounts}); the credentials come from the AWS
 * chain, not from a Secret.
 */
class CloudWatchJudgeTest extends CountingProviderJudgeTest {
  @Override
  Counts startCounts() {
    return new CloudWatchCounts();
  }

  @Override
  Map<String, String> secret(Counts counts) {
    return Map.of();
  }

  @Override
  void counters(CompareMetric compare, String secret) {
    compare.cloudWatch = new CompareMetric.CloudWatchCounters();
    compare.cloudWatch.events = metric("Errors");
    compare.cloudWatch.requests = metric("Requests");
  }

  private static CloudWatchMetric.StatMetric metric(String name) {
    CloudWatchMetric.Dimension revision = new CloudWatchMetric.Dimension();
    revision.name = "Revision";
    revision.value = "{{revision}}";
    CloudWatchMetric.StatMetric metric = new CloudWatchMetric.StatMetric();
    metric.namespace = "Checkout";
    metric.metricName = name;
    metric.dimensions = List.of(revision);
    return metric;
  }

  @Override
  String name() {
    return "cw";
  }
}
