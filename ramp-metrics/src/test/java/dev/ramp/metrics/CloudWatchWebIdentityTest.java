package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.CloudWatchMetric;
import dev.ramp.metrics.FakeCloudWatch.Answer;
import dev.ramp.metrics.FakeCloudWatch.Result;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CloudWatch measured with the credentials of web identity, as EKS gives a Pod whose service
 * account names a role (IRSA): the SDK's default chain reads the role and the token file,
 * asks STS (the fake's AssumeRoleWithWebIdentity) for temporary credentials, and signs with
 * them and their session token.
 */
class CloudWatchWebIdentityTest {
  private static FakeCloudWatch cloudWatch;

  @TempDir
  static Path projected;

  @BeforeAll
  static void start() throws IOException {
    cloudWatch = new FakeCloudWatch();
    cloudWatch.useAsEndpoint();
    cloudWatch.answer("latency", Answer.of(Result.complete("latency", 120.0)));
    System.setProperty("aws.roleArn", FakeCloudWatch.ROLE_ARN);
    System.setProperty("aws.roleSessionName", "ramp");
  }

  @AfterAll
  static void stop() {
    FakeCloudWatch.forgetAwsAccount();
    cloudWatch.close();
  }

  @Test
  void theRoleOfTheServiceAccountIsAssumedAndItsCredentialsSign() throws IOException {
    System.setProperty("aws.webIdentityTokenFile", token(FakeCloudWatch.WEB_IDENTITY_TOKEN));

    MeasurementResult result = measure();

    assertThat(result.value()).as(result.message()).asList().hasSize(1);
    assertThat(cloudWatch.assumed()).last().satisfies(form -> {
      assertThat(form).containsEntry("Action", "AssumeRoleWithWebIdentity")
          .containsEntry("RoleArn", FakeCloudWatch.ROLE_ARN)
          .containsEntry("RoleSessionName", "ramp")
          .containsEntry("WebIdentityToken", FakeCloudWatch.WEB_IDENTITY_TOKEN);
    });
    assertThat(cloudWatch.asked("latency")).last()
        .extracting(FakeCloudWatch.Asked::accessKey).isEqualTo(FakeCloudWatch.SESSION_KEY);
  }

  @Test
  void aTokenStsRefusesIsToldWithTheRoleAndStsWords() throws IOException {
    System.setProperty("aws.webIdentityTokenFile", token("someone-elses-token"));

    assertThat(measure().message()).startsWith("CloudWatch query latency: web identity could"
        + " not assume the role " + FakeCloudWatch.ROLE_ARN + ": Not authorized to perform"
        + " sts:AssumeRoleWithWebIdentity (Service: Sts, Status Code: 403");
  }

  private static MeasurementResult measure() {
    CloudWatchMetric metric = new CloudWatchMetric();
    CloudWatchMetric.DataQuery query = new CloudWatchMetric.DataQuery();
    query.id = "latency";
    query.metricStat = new CloudWatchMetric.MetricStat();
    query.metricStat.metric = new CloudWatchMetric.StatMetric();
    query.metricStat.metric.namespace = "Checkout";
    query.metricStat.metric.metricName = "Latency";
    query.metricStat.period = new IntOrString(60);
    query.metricStat.stat = "p99";
    metric.metricDataQueries = List.of(query);
    MeasurementResult result = new CloudWatchProvider(new CloudWatchConnection(),
        Clock.systemUTC()).measure(Requests.cloudWatch(metric));
    assertThat(String.valueOf(result.message())).doesNotContain("s3ssion", "ramp-test-token");
    return result;
  }

  private static String token(String token) throws IOException {
    Path file = Files.createTempFile(projected, "token", "");
    Files.writeString(file, token);
    return file.toString();
  }
}
