package dev.ramp.metrics;

import dev.ramp.api.analysis.PrometheusAuthentication.Sigv4;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

/**
 * Signs requests with AWS Signature Version 4, with the AWS SDK's signer, as Argo Rollouts signs
 * Amazon Managed Prometheus queries. The request is sent as signed: the URL with the query the
 * signer encoded, and its headers but Host, which the JDK writes as the signer computed it.
 */
final class SigV4Signing implements RequestSigning {
  /** Amazon Managed Prometheus' signing name. */
  static final String PROMETHEUS = "aps";
  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

  private final AwsCredentialChain aws;
  private final Sigv4 sigv4;
  private final String service;

  SigV4Signing(AwsCredentialChain aws, Sigv4 sigv4, String service) {
    this.aws = aws;
    this.sigv4 = sigv4;
    this.service = service;
  }

  @Override
  public Signed sign(HttpRequest request) throws MeasurementException {
    Region region = aws.region(sigv4.region, sigv4.profile);
    AwsCredentialChain.Credentials credentials =
        aws.credentials(sigv4.profile, sigv4.roleArn, region);
    SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.fromValue(request.method())).uri(request.uri());
    request.headers().map().forEach(unsigned::putHeader);
    SdkHttpRequest signed = SIGNER.sign(signing -> signing.identity(credentials.identity())
        .request(unsigned.build())
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
        .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())).request();

    HttpRequest.Builder sent = HttpRequest.newBuilder(signed.getUri()).method(request.method(),
        request.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody()));
    request.timeout().ifPresent(sent::timeout);
    signed.forEachHeader((name, values) -> {
      if (!name.equalsIgnoreCase("Host")) {
        values.forEach(value -> sent.header(name, value));
      }
    });
    return new Signed(sent.build(), "the SigV4 signature of " + credentials.source(),
        secrets(credentials, signed));
  }

  /** The key id, session token and signature, which an answer might quote. */
  private static List<String> secrets(AwsCredentialChain.Credentials credentials,
      SdkHttpRequest signed) {
    List<String> secrets = new ArrayList<>(List.of(credentials.identity().accessKeyId()));
    if (credentials.identity() instanceof AwsSessionCredentialsIdentity session) {
      secrets.add(session.sessionToken());
    }
    signed.firstMatchingHeader("Authorization").ifPresent(authorization -> {
      secrets.add(authorization);
      secrets.add(authorization.substring(authorization.lastIndexOf('=') + 1));
    });
    return secrets;
  }
}
