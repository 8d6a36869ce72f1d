package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.CloudWatchMetric;
import dev.ramp.api.analysis.CloudWatchMetric.DataQuery;
import dev.ramp.metrics.FakeCloudWatch.Answer;
import dev.ramp.metrics.FakeCloudWatch.Asked;
import dev.ramp.metrics.FakeCloudWatch.Result;
import dev.ramp.metrics.MeasurementResult.State;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CloudWatch metrics, written as Argo Rollouts' templates write them, measured through the AWS
 * SDK from {@link FakeCloudWatch}, which checks the wire protocol and each request's SigV4
 * signature. The credentials, region and endpoint reach the SDK through its standard chains
 * (Java system properties here, as environment variables in a Pod).
 */
class CloudWatchProviderTest {
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

  private static FakeCloudWatch cloudWatch;
  private static CloudWatchProvider provider;

  @BeforeAll
  static void start() throws IOException {
    cloudWatch = new FakeCloudWatch();
    cloudWatch.useAsAwsAccount();
    provider = provider();
    cloudWatch.answer("rate", Answer.of(Result.complete("rate", 0.02, 0.01, 0.0)));
    cloudWatch.answer("latency", Answer.of(Result.complete("latency", 120.0)));
    cloudWatch.answer("quiet", Answer.of(Result.complete("quiet")));
    cloudWatch.answer("hidden", Answer.of());
    cloudWatch.answer("nan", Answer.of(Result.complete("nan", 0.5, Double.NaN)));
    cloudWatch.answer("partial", Answer.of(new Result("partial", "PartialData",
        List.of(0.5))));
    cloudWatch.answer("paged", Answer.page("next-page-token", Result.complete("paged", 0.5)));
    cloudWatch.answer("busy", Answer.error(400, "Throttling", "Rate exceeded"),
        Answer.of(Result.complete("busy", 0.75)));
    cloudWatch.answer("throttled", Answer.error(400, "Throttling", "Rate exceeded"));
    cloudWatch.answer("broken", Answer.error(503, "ServiceUnavailable",
        "The request has failed due to a temporary failure of the server."));
    cloudWatch.answer("denied", Answer.error(403, "AccessDenied", "User:"
        + " arn:aws:iam::123456789012:user/ramp is not authorized to perform:"
        + " cloudwatch:GetMetricData"));
    cloudWatch.answer("slow", Answer.NONE);
  }

  @AfterEach
  void restoreTheAccount() {
    cloudWatch.useAsAwsAccount();
  }

  @AfterAll
  static void stop() {
    FakeCloudWatch.forgetAwsAccount();
    cloudWatch.close();
  }

  @Test
  void argosMetricMathIsMeasuredOverTheLastFiveMinutesAndGivenAsArgoGivesIt() {
    MeasurementResult result = provider.measure(Requests.cloudWatch(errorRate()));

    assertThat(result.state()).as(result.message()).isEqualTo(State.DONE);
    assertThat(result.value()).isEqualTo(List.of(Map.of("Id", "rate", "Label", "rate",
        "StatusCode", "Complete",
        "Timestamps", List.of("2026-12-07T09:59:00Z", "2026-12-07T09:58:00Z",
            "2026-12-07T09:57:00Z"),
        "Values", List.of(0.02, 0.01, 0.0))));
    Asked asked = cloudWatch.asked("rate").get(0);
    assertThat(asked.start()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
    assertThat(asked.end()).isEqualTo(NOW);
    assertThat(asked.accessKey()).isEqualTo(FakeCloudWatch.ACCESS_KEY);
    assertThat(asked.queries()).containsExactly(
        Map.of("Id", "rate", "Expression", "errors / requests", "Label", "Error rate"),
        Map.of("Id", "errors", "ReturnData", false, "MetricStat", Map.of(
            "Metric", Map.of("Namespace", "Checkout", "MetricName", "Errors",
                "Dimensions", List.of(Map.of("Name", "Revision", "Value", "7d5f9c"),
                    Map.of("Name", "Region", "Value", "eu-west-1"))),
            "Period", 60L, "Stat", "Sum", "Unit", "Count")),
        Map.of("Id", "requests", "ReturnData", false, "MetricStat", Map.of(
            "Metric", Map.of("Namespace", "Checkout", "MetricName", "Requests",
                "Dimensions", List.of(Map.of("Name", "Revision", "Value", "7d5f9c"))),
            "Period", 60L, "Stat", "Sum")));
  }

  @Test
  void theIntervalAndPeriodsWrittenAsTextAfterArgumentsAreSentAsCloudWatchTakesThem() {
    MeasurementResult result = provider.measure(Requests.cloudWatch(one("latency", metric -> {
      metric.interval = "1h";
      metric.metricDataQueries.get(0).metricStat.period = new IntOrString("300");
    })));

    assertThat(result.value()).as(result.message()).asList().hasSize(1);
    Asked asked = cloudWatch.asked("latency").get(0);
    assertThat(asked.start()).isEqualTo(NOW.minus(Duration.ofHours(1)));
    assertThat(asked.queries().get(0)).extracting("MetricStat").extracting("Period")
        .isEqualTo(300L);
    assertThat(measure(one("latency", metric -> metric.metricDataQueries.get(0).metricStat
        .period = new IntOrString("5m"))).message())
        .isEqualTo("period \"5m\" of query latency is not a whole number of seconds");
  }

  @Test
  void aResultWithoutDataPointsOrNoResultAtAllIsAnErrorNotAPass() {
    assertThat(measure(one("quiet", metric -> { })).message()).isEqualTo("CloudWatch query"
        + " quiet: " + server() + " answered, but result quiet has no data points: nothing"
        + " was measured in the interval");
    assertThat(measure(one("hidden", metric -> metric.metricDataQueries.get(0).returnData =
        false)).message()).endsWith(" answered, but no results: set returnData on the query"
            + " to judge");
  }

  @Test
  void aNanAndAPartialAnswerAreErrors() {
    assertThat(measure(one("nan", metric -> { })).message())
        .endsWith(" answered, but result nan is NaN at point 2 of 2");
    assertThat(measure(one("partial", metric -> { })).message())
        .endsWith(" answered, but result partial is PartialData: a partial result"
            + " (MaxMetricsExceeded: The maximum number of data points was exceeded for"
            + " partial)");
    assertThat(measure(one("paged", metric -> { })).message())
        .endsWith(" answered, but with more data than one answer holds (NextToken): a"
            + " partial result; ask for fewer data points (a longer period or a shorter"
            + " interval)");
  }

  @Test
  void aRequestCloudWatchRefusesIsToldWithItsMessage() {
    CloudWatchMetric noId = one("latency", metric -> metric.metricDataQueries.get(0).id = null);

    assertThat(measure(noId).message()).isEqualTo("CloudWatch query null: " + server()
        + " answered 400: MissingParameter: The parameter MetricDataQueries.member.1.Id is"
        + " required.");
    assertThat(measure(one("Latency", metric -> { })).message()).endsWith(" answered 400:"
        + " InvalidParameterValue: The value Latency for parameter MetricDataQueries.member.1.Id"
        + " must start with a lowercase letter and hold only letters, digits and _.");
  }

  @Test
  void refusedCredentialsAreNamedByWhereTheChainFoundThemAndNeverShown() {
    System.setProperty("aws.secretAccessKey", "wr0ng-s3cret");
    MeasurementResult wrongSecret = provider().measure(Requests.cloudWatch(one("latency",
        metric -> { })));
    assertThat(wrongSecret.message()).isEqualTo("CloudWatch query latency: " + server()
        + " refused the AWS credentials of the Java system properties aws.accessKeyId and"
        + " aws.secretAccessKey (403): SignatureDoesNotMatch: The request signature we"
        + " calculated does not match the signature you provided. Check your AWS Secret"
        + " Access Key and signing method.");

    System.setProperty("aws.accessKeyId", "AKIAUNKNOWNKEY000000");
    assertThat(provider().measure(Requests.cloudWatch(one("latency", metric -> { })))
        .message()).endsWith(" refused the AWS credentials of the Java system properties"
            + " aws.accessKeyId and aws.secretAccessKey (403): InvalidClientTokenId: The"
            + " security token included in the request is invalid.");

    cloudWatch.useAsAwsAccount();
    assertThat(measure(one("denied", metric -> { })).message()).endsWith(" refused the AWS"
        + " credentials of the Java system properties aws.accessKeyId and aws.secretAccessKey"
        + " (403): AccessDenied: User: arn:aws:iam::123456789012:user/ramp is not authorized"
        + " to perform: cloudwatch:GetMetricData");
  }

  @Test
  void withoutCredentialsOrRegionTheMessageSaysWhereRampLooked() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    assertThat(provider().measure(Requests.cloudWatch(one("latency", metric -> { })))
        .message()).isEqualTo("CloudWatch query latency: no AWS credentials found: Ramp looked"
            + " in the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), Java system"
            + " properties (aws.accessKeyId), web identity (AWS_ROLE_ARN and"
            + " AWS_WEB_IDENTITY_TOKEN_FILE, as EKS sets them for a service account), the AWS"
            + " profile files, the container credentials endpoint and the EC2 instance"
            + " profile");

    cloudWatch.useAsAwsAccount();
    System.clearProperty("aws.region");
    assertThat(provider().measure(Requests.cloudWatch(one("latency", metric -> { })))
        .message()).isEqualTo("CloudWatch query latency: no AWS region found: set AWS_REGION"
            + " in the controller's environment (or region in its AWS profile)");
  }

  @Test
  void throttlingIsRetriedAsTheSdkRetriesAndThenCountsAsAnError() {
    MeasurementResult busy = measure(one("busy", metric -> { }));
    assertThat(busy.state()).as(busy.message()).isEqualTo(State.DONE);
    assertThat(cloudWatch.asked("busy")).hasSize(2);

    assertThat(measure(one("throttled", metric -> { })).message()).isEqualTo("CloudWatch"
        + " query throttled: " + server() + " is rate limiting (400): Throttling: Rate"
        + " exceeded");
    assertThat(cloudWatch.asked("throttled")).hasSize(3);
  }

  @Test
  void aServerFailureAndATimeoutAreErrors() {
    assertThat(measure(one("broken", metric -> { })).message()).isEqualTo("CloudWatch query"
        + " broken: " + server() + " failed (503): ServiceUnavailable: The request has failed"
        + " due to a temporary failure of the server.");
    assertThat(cloudWatch.asked("broken")).hasSize(3);
    assertThat(measure(one("slow", metric -> metric.timeout = new IntOrString("500ms")))
        .message()).isEqualTo("CloudWatch query slow: " + server() + " did not answer"
            + " within 500ms");
  }

  @Test
  void aMetricWithoutQueriesIsToldBeforeAnythingIsSent() {
    CloudWatchMetric metric = new CloudWatchMetric();
    assertThat(measure(metric).message())
        .isEqualTo("metricDataQueries is empty: write the metrics to read");
  }

  private static MeasurementResult measure(CloudWatchMetric metric) {
    MeasurementResult result = provider.measure(Requests.cloudWatch(metric));
    assertThat(String.valueOf(result.message())).doesNotContain("s3cret");
    return result;
  }

  private static CloudWatchProvider provider() {
    return new CloudWatchProvider(new CloudWatchConnection(), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static String server() {
    return "CloudWatch at " + cloudWatch.endpoint();
  }

  /** Argo Rollouts' documented example: an error rate over two metrics of the revision. */
  private static CloudWatchMetric errorRate() {
    CloudWatchMetric metric = new CloudWatchMetric();
    DataQuery rate = new DataQuery();
    rate.id = "rate";
    rate.expression = "errors / requests";
    rate.label = "Error rate";
    DataQuery errors = count("errors", "Errors");
    errors.metricStat.unit = "Count";
    errors.metricStat.metric.dimensions = List.of(dimension("Revision", "7d5f9c"),
        dimension("Region", "eu-west-1"));
    DataQuery requests = count("requests", "Requests");
    requests.metricStat.metric.dimensions = List.of(dimension("Revision", "7d5f9c"));
    metric.metricDataQueries = List.of(rate, errors, requests);
    return metric;
  }

  /** One metric query with the id {@code id}, by which the fake answers, changed as asked. */
  private static CloudWatchMetric one(String id, Consumer<CloudWatchMetric> change) {
    CloudWatchMetric metric = new CloudWatchMetric();
    DataQuery query = count(id, "Latency");
    query.metricStat.stat = "p99";
    query.returnData = null;
    metric.metricDataQueries = new ArrayList<>(List.of(query));
    change.accept(metric);
    return metric;
  }

  /** A metric query of a Checkout count, its Sum per minute, not returned. */
  private static DataQuery count(String id, String metricName) {
    DataQuery query = new DataQuery();
    query.id = id;
    query.returnData = false;
    query.metricStat = new CloudWatchMetric.MetricStat();
    query.metricStat.metric = new CloudWatchMetric.StatMetric();
    query.metricStat.metric.namespace = "Checkout";
    query.metricStat.metric.metricName = metricName;
    query.metricStat.period = new IntOrString(60);
    query.metricStat.stat = "Sum";
    return query;
  }

  private static CloudWatchMetric.Dimension dimension(String name, String value) {
    CloudWatchMetric.Dimension dimension = new CloudWatchMetric.Dimension();
    dimension.name = name;
    dimension.value = value;
    return dimension;
  }
}
