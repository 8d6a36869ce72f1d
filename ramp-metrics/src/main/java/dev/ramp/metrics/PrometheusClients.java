package dev.ramp.metrics;

import dev.ramp.api.analysis.Header;
import dev.ramp.api.analysis.PrometheusAuthentication;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Connects to a Prometheus as its target says: the HTTP client for its TLS settings (which the
 * OAuth2 token request uses too), and its OAuth2 token or its SigV4 signature. One per provider,
 * so that clients, tokens and AWS credentials are kept from one measurement to the next.
 */
final class PrometheusClients {
  private final TlsClients clients;
  private final OAuth2Tokens tokens;
  private final AwsCredentialChain aws;

  PrometheusClients(HttpClient http, Secrets secrets, Clock clock, AwsCredentialChain aws) {
    this.clients = new TlsClients(http, secrets);
    this.tokens = new OAuth2Tokens(clock);
    this.aws = aws;
  }

  /** A query to the target, reading its Secrets (the CA) in {@code namespace}. */
  PrometheusQuery open(String namespace, PrometheusTarget target) throws MeasurementException {
    HttpClient http = clients.client(namespace, target.insecure(), target.ca());
    PrometheusAuthentication authentication = target.authentication();
    boolean oauth2 = authentication != null && authentication.oauth2 != null;
    boolean sigv4 = authentication != null && authentication.sigv4 != null;
    if (oauth2 && sigv4) {
      throw new MeasurementException(
          "authentication sets both oauth2 and sigv4: a query is sent with one of them");
    }
    if (sigv4) {
      return new PrometheusQuery(http, target.address(), target.timeout(), target.headers(),
          new SigV4Signing(aws, authentication.sigv4, SigV4Signing.PROMETHEUS));
    }
    if (!oauth2) {
      return new PrometheusQuery(http, target.address(), target.timeout(), target.headers(),
          null);
    }
    List<Header> headers =
        new ArrayList<>(target.headers() == null ? List.of() : target.headers());
    headers.add(new Header("Authorization", "Bearer " + tokens.token(authentication.oauth2, http,
        Timeouts.parse(target.timeout(), PrometheusQuery.DEFAULT_TIMEOUT))));
    return new PrometheusQuery(http, target.address(), target.timeout(), headers, null);
  }
}
