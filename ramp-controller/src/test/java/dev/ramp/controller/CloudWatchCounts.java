package dev.ramp.controller;

import dev.ramp.metrics.FakeCloudWatch;
import dev.ramp.metrics.FakeCloudWatch.Answer;
import dev.ramp.metrics.FakeCloudWatch.Asked;
import dev.ramp.metrics.FakeCloudWatch.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CloudWatch's GetMetricData ({@link FakeCloudWatch}: its wire protocol and SigV4 check) for
 * two Sum metrics per revision, Errors and Requests of namespace Checkout with the dimension
 * Revision. As CloudWatch keeps sums per period, each revision's answer holds a Sum per period;
 * every read adds a period of 1000 requests, with errors at the rate the test set. The SDK in
 * the controller finds the fake through its standard settings (region, endpoint, key), set as
 * Java system properties while the test runs.
 */
final class CloudWatchCounts implements CountingProviderJudgeTest.Counts {
  private final FakeCloudWatch cloudWatch;
  private final Map<String, Double> errorRates = new ConcurrentHashMap<>();
  private final Map<String, List<long[]>> periods = new ConcurrentHashMap<>();

  CloudWatchCounts() {
    try {
      cloudWatch = new FakeCloudWatch(this::sums);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    cloudWatch.useAsAwsAccount();
  }

  @Override
  public void errorRate(String revision, double rate) {
    errorRates.put(revision, rate);
  }

  @SuppressWarnings("unchecked")
  private Answer sums(Asked asked) {
    Map<String, Object> stat = (Map<String, Object>) asked.queries().get(0).get("MetricStat");
    Map<String, Object> metric = (Map<String, Object>) stat.get("Metric");
    String revision = String.valueOf(((List<Map<String, Object>>) metric.get("Dimensions"))
        .get(0).get("Value"));
    List<long[]> counted = periods.computeIfAbsent(revision, r -> new ArrayList<>());
    List<Double> errors = new ArrayList<>();
    List<Double> requests = new ArrayList<>();
    synchronized (counted) {
      counted.add(0, new long[] {1000,
          Math.round(1000 * errorRates.getOrDefault(revision, 0.0))});
      for (long[] period : counted) {
        requests.add((double) period[0]);
        errors.add((double) period[1]);
      }
    }
    return Answer.of(new Result("events", "Complete", errors),
        new Result("requests", "Complete", requests));
  }

  @Override
  public void close() {
    FakeCloudWatch.forgetAwsAccount();
    cloudWatch.close();
  }
}
