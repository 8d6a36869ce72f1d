package dev.ramp.metrics;

import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Checks a received request's AWS Signature Version 4 as AWS does: the request as it arrived
 * (method, path, query, the headers it says it signed, body) is signed again with the AWS SDK's
 * own signer, the caller's secret key and the request's X-Amz-Date, and the two Authorization
 * headers must be equal. Shapes from the AWS General Reference, "Create a signed AWS API request".
 */
final class SigV4Verifier {
  private static final Pattern AUTHORIZATION = Pattern.compile("AWS4-HMAC-SHA256"
      + " Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,"
      + " SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final String service;
  private final Map<String, AwsCredentialsIdentity> known;

  /** @param known the credentials the service knows, by access key id */
  SigV4Verifier(String service, Map<String, AwsCredentialsIdentity> known) {
    this.service = service;
    this.known = known;
  }

  /** Who signed a request, and in which region. */
  record Signer(String accessKeyId, String region) {}

  /** Whether AWS would let the request in, and what it answers when not. */
  sealed interface Verdict {
    record Valid(Signer signer) implements Verdict {}

    /** @param message what AWS answers */
    record Refused(String message) implements Verdict {}
  }

  Verdict verify(HttpExchange exchange, byte[] body) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    Matcher signature = AUTHORIZATION.matcher(String.valueOf(authorization));
    if (!signature.matches() || !signature.group(4).equals(service)) {
      return new Verdict.Refused("Missing Authentication Token");
    }
    AwsCredentialsIdentity credentials = known.get(signature.group(1));
    String token = exchange.getRequestHeaders().getFirst("X-Amz-Security-Token");
    if (credentials == null || !Optional.ofNullable(token).equals(sessionToken(credentials))) {
      return new Verdict.Refused("The security token included in the request is invalid.");
    }
    String region = signature.group(3);
    String[] host = exchange.getRequestHeaders().getFirst("Host").split(":");
    SdkHttpFullRequest.Builder received = SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.fromValue(exchange.getRequestMethod()))
        .protocol("http").host(host[0]).port(Integer.parseInt(host[1]))
        .encodedPath(exchange.getRequestURI().getRawPath());
    String query = exchange.getRequestURI().getRawQuery();
    for (String pair : query == null ? new String[0] : query.split("&")) {
      String[] nameValue = pair.split("=", 2);
      received.appendRawQueryParameter(decode(nameValue[0]),
          nameValue.length < 2 ? "" : decode(nameValue[1]));
    }
    for (String name : signature.group(5).split(";")) {
      if (!name.equals("host")) {
        received.putHeader(name, exchange.getRequestHeaders().get(name));
      }
    }
    Instant at = Instant.from(AMZ_DATE.parse(
        exchange.getRequestHeaders().getFirst("X-Amz-Date")));
    String expected = AwsV4HttpSigner.create().sign(signing -> signing.identity(credentials)
            .request(received.build())
            .payload(body.length == 0 ? null : ContentStreamProvider.fromByteArray(body))
            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
            .putProperty(AwsV4HttpSigner.REGION_NAME, region)
            .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)))
        .request().firstMatchingHeader("Authorization").orElseThrow();
    return expected.equals(authorization)
        ? new Verdict.Valid(new Signer(signature.group(1), region))
        : new Verdict.Refused("The request signature we calculated does not match the signature"
            + " you provided. Check your AWS Secret Access Key and signing method.");
  }

  private static Optional<String> sessionToken(AwsCredentialsIdentity credentials) {
    return credentials instanceof AwsSessionCredentialsIdentity session
        ? Optional.of(session.sessionToken()) : Optional.empty();
  }

  /** Percent-decoding as RFC 3986 has it: a {@code +} is a plus, not a space. */
  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
