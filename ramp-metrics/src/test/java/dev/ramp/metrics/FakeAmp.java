package dev.ramp.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Amazon Managed Service for Prometheus' query API on loopback: a workspace's
 * {@code /workspaces/<id>/api/v1/query} and {@code query_range} (Amazon Managed Service for
 * Prometheus User Guide, "Query your Prometheus metrics"), answering only requests whose SigV4
 * signature (service {@code aps}) verifies, with Prometheus' own JSON; a refused signature gets
 * a 403 with AWS's {@code {"message": ...}} body.
 */
final class FakeAmp implements AutoCloseable {
  static final String WORKSPACE = "/workspaces/ws-ramp";

  private final HttpServer server;
  private final Map<String, AwsCredentialsIdentity> known = new ConcurrentHashMap<>();
  private final List<SigV4Verifier.Signer> signers = new CopyOnWriteArrayList<>();
  private final Map<String, String> queries = new ConcurrentHashMap<>();

  /** @param answers Prometheus' JSON answer by API path, e.g. "query" */
  FakeAmp(Map<String, String> answers) throws IOException {
    server = LoopbackHttp.server();
    answers.forEach((api, answer) -> server.createContext(WORKSPACE + "/api/v1/" + api,
        exchange -> answer(exchange, answer)));
    server.start();
  }

  /** The workspace's URL, as Argo Rollouts users give it in {@code address}. */
  String workspace() {
    return LoopbackHttp.url(server) + WORKSPACE;
  }

  /** Lets requests signed with {@code credentials} in. */
  void know(AwsCredentialsIdentity credentials) {
    known.put(credentials.accessKeyId(), credentials);
  }

  void forgetAll() {
    known.clear();
  }

  /** Who signed each request let in, in turn. */
  List<SigV4Verifier.Signer> signers() {
    return signers;
  }

  /** The last PromQL query let in. */
  String lastQuery() {
    return queries.get("query");
  }

  private void answer(HttpExchange exchange, String answer) throws IOException {
    SigV4Verifier.Verdict verdict = new SigV4Verifier(SigV4Signing.PROMETHEUS, known)
        .verify(exchange, exchange.getRequestBody().readAllBytes());
    if (verdict instanceof SigV4Verifier.Verdict.Refused refused) {
      LoopbackHttp.answer(exchange, 403, "application/json",
          "{\"message\":\"" + refused.message() + "\"}");
      return;
    }
    signers.add(((SigV4Verifier.Verdict.Valid) verdict).signer());
    queries.put("query", FakeApi.parameters(exchange.getRequestURI().getRawQuery())
        .get("query").get(0));
    LoopbackHttp.answer(exchange, 200, "application/json", answer);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
