package dev.ramp.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * AWS STS' AssumeRole on loopback: a form POST of the Query API ({@code Action=AssumeRole},
 * {@code RoleArn}, {@code RoleSessionName}) signed for service {@code sts}, answered with the
 * AssumeRoleResponse XML of the AWS STS API Reference (AssumeRole), or with its ErrorResponse
 * (AccessDenied, 403) for any role but the one it lets assume ("Common Errors").
 */
final class FakeSts implements AutoCloseable {
  private final HttpServer server;
  private final SigV4Verifier verifier;
  private final String role;
  private final AwsSessionCredentialsIdentity session;
  private final List<Map<String, List<String>>> assumed = new CopyOnWriteArrayList<>();

  /**
   * @param caller the credentials allowed to call STS
   * @param role the one role they may assume
   * @param session the role's temporary credentials, valid one hour
   */
  FakeSts(AwsCredentialsIdentity caller, String role, AwsSessionCredentialsIdentity session)
      throws IOException {
    this.verifier = new SigV4Verifier("sts", Map.of(caller.accessKeyId(), caller));
    this.role = role;
    this.session = session;
    server = LoopbackHttp.server();
    server.createContext("/", this::answer);
    server.start();
  }

  URI endpoint() {
    return URI.create(LoopbackHttp.url(server));
  }

  /** The forms of the AssumeRole calls that were signed right, in turn. */
  List<Map<String, List<String>>> assumed() {
    return assumed;
  }

  private void answer(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    if (verifier.verify(exchange, body) instanceof SigV4Verifier.Verdict.Refused refused) {
      error(exchange, "InvalidClientTokenId", refused.message());
      return;
    }
    Map<String, List<String>> form =
        FakeApi.parameters(new String(body, StandardCharsets.UTF_8));
    assumed.add(form);
    if (!form.get("Action").equals(List.of("AssumeRole"))
        || !form.get("RoleArn").equals(List.of(role))) {
      error(exchange, "AccessDenied", "User: arn:aws:iam::123456789012:user/ramp is not"
          + " authorized to perform: sts:AssumeRole on resource: " + form.get("RoleArn").get(0));
      return;
    }
    LoopbackHttp.answer(exchange, 200, "text/xml", """
        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleResult>
            <AssumedRoleUser>
              <AssumedRoleId>AROA3XFRBF535PLBIFPI4:%s</AssumedRoleId>
              <Arn>arn:aws:sts::123456789012:assumed-role/%s/%s</Arn>
            </AssumedRoleUser>
            <Credentials>
              <AccessKeyId>%s</AccessKeyId>
              <SecretAccessKey>%s</SecretAccessKey>
              <SessionToken>%s</SessionToken>
              <Expiration>%s</Expiration>
            </Credentials>
          </AssumeRoleResult>
          <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
        </AssumeRoleResponse>
        """.formatted(form.get("RoleSessionName").get(0), role.substring(role.lastIndexOf('/') + 1),
        form.get("RoleSessionName").get(0),
        session.accessKeyId(), session.secretAccessKey(), session.sessionToken(),
        Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)));
  }

  private static void error(HttpExchange exchange, String code, String message)
      throws IOException {
    LoopbackHttp.answer(exchange, 403, "text/xml", """
        <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>
          <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
        </ErrorResponse>
        """.formatted(code, message));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
