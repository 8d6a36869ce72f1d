package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.CounterReading;
import dev.ramp.api.analysis.PrometheusAuthentication;
import dev.ramp.api.analysis.PrometheusRangeQuery;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileSupplier;

/**
 * Amazon Managed Prometheus' SigV4 ({@code authentication.sigv4}): queries signed with the
 * credentials of a shared credentials file's profile, or of a role assumed through STS, checked
 * by a local AMP (see {@link FakeAmp}) and STS (see {@link FakeSts}) with the AWS SDK's signer.
 */
class PrometheusSigV4Test {
  private static final AwsCredentialsIdentity DEFAULT =
      AwsCredentialsIdentity.create("AKIADEFAULTEXAMPLE", "d3fault/S3cretKey");
  private static final AwsCredentialsIdentity AMP_PROFILE =
      AwsCredentialsIdentity.create("AKIAAMPPROFILEEXAMPLE", "amp/Pr0file/S3cretKey");
  private static final AwsSessionCredentialsIdentity ROLE = AwsSessionCredentialsIdentity
      .create("ASIAROLEEXAMPLE", "r0le/S3cretKey", "FwoGZXIvYXdzEBYaD-session-t0ken");
  private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/amp-reader";
  private static final String SCALAR_ANSWER =
      "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"0.5\"]}}";
  private static final String MATRIX_ANSWER = "{\"status\":\"success\",\"data\":{"
      + "\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[[1,\"1\"],[2,\"2\"]]}]}}";

  @TempDir Path dir;
  private FakeAmp amp;
  private FakeSts sts;
  private AwsCredentialChain aws;

  @BeforeEach
  void start() throws IOException {
    amp = new FakeAmp(Map.of("query", SCALAR_ANSWER, "query_range", MATRIX_ANSWER));
    amp.know(DEFAULT);
    amp.know(AMP_PROFILE);
    amp.know(ROLE);
    sts = new FakeSts(DEFAULT, ROLE_ARN, ROLE);
    aws = chain("""
        [default]
        aws_access_key_id = %s
        aws_secret_access_key = %s
        [amp]
        aws_access_key_id = %s
        aws_secret_access_key = %s
        region = eu-central-1
        """.formatted(DEFAULT.accessKeyId(), DEFAULT.secretAccessKey(),
        AMP_PROFILE.accessKeyId(), AMP_PROFILE.secretAccessKey()));
  }

  @AfterEach
  void stop() {
    amp.close();
    sts.close();
  }

  @Test
  void signsWithTheDefaultChainsCredentialsForTheRegion() {
    assertThat(measure(sigv4("us-west-2", null, null)).value()).isEqualTo(0.5);
    assertThat(amp.signers()).containsExactly(
        new SigV4Verifier.Signer(DEFAULT.accessKeyId(), "us-west-2"));
  }

  @Test
  void signsWithTheNamedProfileAndItsRegion() {
    assertThat(measure(sigv4(null, "amp", null)).value()).isEqualTo(0.5);
    assertThat(amp.signers()).containsExactly(
        new SigV4Verifier.Signer(AMP_PROFILE.accessKeyId(), "eu-central-1"));
  }

  @Test
  void assumesTheRoleOnceAndSignsWithItsTemporaryCredentials() {
    PrometheusProvider provider = provider();
    PrometheusAuthentication role = sigv4("us-west-2", null, ROLE_ARN);
    assertThat(provider.measure(request(role, null)).value()).isEqualTo(0.5);
    assertThat(provider.measure(request(role, null)).value()).isEqualTo(0.5);

    assertThat(sts.assumed()).hasSize(1);
    assertThat(sts.assumed().get(0)).containsEntry("RoleArn", List.of(ROLE_ARN))
        .containsEntry("RoleSessionName", List.of("ramp"));
    assertThat(amp.signers()).containsOnly(
        new SigV4Verifier.Signer(ROLE.accessKeyId(), "us-west-2"));
  }

  @Test
  void aRoleStsRefusesIsAnErrorNamingTheRoleAndTheCredentialsThatAsked() {
    String other = "arn:aws:iam::123456789012:role/admin";
    assertThat(measure(sigv4("us-west-2", null, other)).message()).isEqualTo("STS refused to"
        + " assume role " + other + " with the AWS default credential chain (403 AccessDenied):"
        + " User: arn:aws:iam::123456789012:user/ramp is not authorized to perform:"
        + " sts:AssumeRole on resource: " + other);
  }

  @Test
  void aRefusedSignatureNamesTheCredentialSourceButNeverAKey() {
    amp.forgetAll();
    MeasurementResult result = measure(sigv4("us-west-2", "amp", null));
    assertThat(result.message()).isEqualTo("Prometheus at " + amp.workspace() + " refused the"
        + " SigV4 signature of AWS profile amp (403): {\"message\":\"The security token included"
        + " in the request is invalid.\"}");

    amp.know(AwsCredentialsIdentity.create(DEFAULT.accessKeyId(), "an0ther/S3cretKey"));
    result = measure(sigv4("us-west-2", null, null));
    assertThat(result.message()).isEqualTo("Prometheus at " + amp.workspace() + " refused the"
        + " SigV4 signature of the AWS default credential chain (403): {\"message\":\"The"
        + " request signature we calculated does not match the signature you provided. Check"
        + " your AWS Secret Access Key and signing method.\"}");
    assertThat(result.message()).doesNotContain(DEFAULT.accessKeyId())
        .doesNotContain(DEFAULT.secretAccessKey());

    result = measure(sigv4("us-west-2", null, ROLE_ARN));
    assertThat(result.message()).startsWith("Prometheus at " + amp.workspace() + " refused the"
        + " SigV4 signature of role " + ROLE_ARN + " assumed with the AWS default credential"
        + " chain (403)");
  }

  @Test
  void withoutCredentialsAnywhereTheErrorSaysWhereRampLooked() throws IOException {
    // the EC2 instance metadata is the chain's last place; this machine is no EC2 instance
    String disabled = System.setProperty("aws.disableEc2Metadata", "true");
    try {
      aws = chain("[default]\nregion = us-west-2\n");
      assertThat(measure(sigv4("us-west-2", null, null)).message()).isEqualTo("no AWS"
          + " credentials to sign with: Ramp looked for them in the system properties"
          + " aws.accessKeyId and aws.secretAccessKey, the environment variables"
          + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a web identity token"
          + " (AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN), the profile AWS_PROFILE names"
          + " (else default) of the shared config and credentials files, the container"
          + " credentials endpoint and the EC2 instance metadata");
      assertThat(amp.signers()).isEmpty();
    } finally {
      if (disabled == null) {
        System.clearProperty("aws.disableEc2Metadata");
      } else {
        System.setProperty("aws.disableEc2Metadata", disabled);
      }
    }
  }

  @Test
  void aRangeQueryIsSignedWithItsEncodedParameters() {
    MeasurementRequest request = request(sigv4("us-west-2", null, null), null);
    request.metric().provider.prometheus.query =
        "sum(rate(http_requests_total{path=~\"/a b&c\",code!~\"2..\"}[5m])) * 100";
    PrometheusRangeQuery range = new PrometheusRangeQuery();
    range.start = "now() - duration(\"10m\")";
    range.end = "now()";
    range.step = "1m";
    request.metric().provider.prometheus.rangeQuery = range;

    assertThat(provider().measure(request).value()).isEqualTo(List.of(1.0, 2.0));
    assertThat(amp.lastQuery()).isEqualTo(request.metric().provider.prometheus.query);
  }

  @Test
  void oauth2AndSigv4TogetherAreAnError() {
    PrometheusAuthentication both = sigv4("us-west-2", null, null);
    both.oauth2 = new PrometheusAuthentication.OAuth2();
    assertThat(measure(both).message()).isEqualTo(
        "authentication sets both oauth2 and sigv4: a query is sent with one of them");
  }

  @Test
  void compareSignsItsCounterQueries() {
    CompareMetric.PrometheusCounters counters = new CompareMetric.PrometheusCounters();
    counters.address = amp.workspace();
    counters.events = "sum(errors{revision=\"{{revision}}\"})";
    counters.requests = "sum(requests{revision=\"{{revision}}\"})";
    counters.authentication = sigv4(null, "amp", null);
    CompareMetric compare = Requests.compare("c4n4ry", "st4bl3");
    compare.prometheus = counters;

    assertThat(new CompareProvider(HttpClient.newHttpClient(), Requests.secrets(Map.of()),
        Clock.systemUTC(), aws, new CloudWatchConnection()).measure(Requests.compare(compare)).value())
        .isEqualTo(new CounterReading(0.5, 0.5, 0.5, 0.5));
    assertThat(amp.signers()).hasSize(4).containsOnly(
        new SigV4Verifier.Signer(AMP_PROFILE.accessKeyId(), "eu-central-1"));
  }

  private AwsCredentialChain chain(String credentialsFile) throws IOException {
    Path file = Files.writeString(dir.resolve("credentials"), credentialsFile);
    return new AwsCredentialChain(ProfileFileSupplier.fixedProfileFile(ProfileFile.builder()
        .content(file).type(ProfileFile.Type.CREDENTIALS).build()), sts.endpoint());
  }

  private static PrometheusAuthentication sigv4(String region, String profile, String roleArn) {
    PrometheusAuthentication authentication = new PrometheusAuthentication();
    authentication.sigv4 = new PrometheusAuthentication.Sigv4();
    authentication.sigv4.region = region;
    authentication.sigv4.profile = profile;
    authentication.sigv4.roleArn = roleArn;
    return authentication;
  }

  private PrometheusProvider provider() {
    return new PrometheusProvider(HttpClient.newHttpClient(), Requests.secrets(Map.of()),
        Clock.systemUTC(), aws);
  }

  private MeasurementResult measure(PrometheusAuthentication authentication) {
    return provider().measure(request(authentication, null));
  }

  private MeasurementRequest request(PrometheusAuthentication authentication, String query) {
    MeasurementRequest request =
        Requests.prometheus(amp.workspace(), query == null ? "up" : query, null);
    request.metric().provider.prometheus.authentication = authentication;
    return request;
  }
}
