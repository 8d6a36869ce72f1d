package dev.ramp.controller.gates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.gates.GateHeader;
import dev.ramp.api.gates.GateStatus;
import dev.ramp.engine.gates.GateAnswer;
import dev.ramp.engine.gates.GateAnswer.Verdict;
import dev.ramp.engine.gates.GatePoint;
import dev.ramp.metrics.Secrets;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Asks a gate or hook by URL: a POST with a JSON body, each call bounded to {@link #TIMEOUT} so
 * that a slow receiver holds a reconcile a few seconds at most. The answer is read as Flagger
 * reads its webhooks': a gate's 2xx is yes unless its body says {@code "approved": false}; 403 or
 * 409 is no; anything else is not yet. A hook's 2xx succeeds, anything else fails. The rollback
 * hook's 2xx with {@code "rollback": true} aborts, anything else means carry on.
 */
final class GateCalls {
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EXCERPT = 200;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  /** Thrown when a request cannot be made (a bad URL, a header whose Secret is missing). */
  static final class Unsendable extends Exception {
    Unsendable(String message) {
      super(message);
    }
  }

  GateAnswer ask(GateStatus record, String url, List<GateHeader> headers, ObjectNode body,
      Secrets secrets, String namespace) {
    GatePoint point = GatePoint.of(record.point).orElseThrow();
    HttpResponse<String> response;
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri(url)).timeout(TIMEOUT)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
      for (GateHeader header : headers) {
        request.header(header.name, value(header, secrets, namespace));
      }
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Unsendable e) {
      return failed(record, point, e.getMessage());
    } catch (HttpTimeoutException e) {
      return failed(record, point, "no answer within " + TIMEOUT.toSeconds() + "s");
    } catch (IOException e) {
      return failed(record, point, "unreachable: " + (e.getMessage() == null
          ? e.getClass().getSimpleName() : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return GateAnswer.to(record, Verdict.NOT_YET, "interrupted");
    }
    return read(record, point, response.statusCode(), response.body());
  }

  /** What an answer that came means for the gate or hook. */
  private static GateAnswer read(GateStatus record, GatePoint point, int status, String body) {
    boolean ok = status >= 200 && status < 300;
    JsonNode json = json(body);
    String reason = json.path("reason").isTextual() ? json.path("reason").asText() : null;
    if (point == GatePoint.ROLLBACK) {
      return ok && json.path("rollback").asBoolean(false)
          ? GateAnswer.to(record, Verdict.ROLLBACK, reason == null ? "no reason given" : reason)
          : GateAnswer.to(record, Verdict.NOT_YET, ok ? "carry on" : said(status, body));
    }
    if (point.hook()) {
      return ok ? GateAnswer.to(record, Verdict.YES, reason == null ? "" : reason)
          : GateAnswer.to(record, Verdict.NO, said(status, body));
    }
    if (ok && json.path("approved").isBoolean() && !json.path("approved").asBoolean()) {
      return GateAnswer.to(record, Verdict.NO, reason == null ? "not approved" : reason);
    }
    if (ok) {
      return GateAnswer.to(record, Verdict.YES, reason == null ? "" : reason);
    }
    if (status == 403 || status == 409) {
      return GateAnswer.to(record, Verdict.NO, reason != null ? reason : said(status, body));
    }
    return GateAnswer.to(record, Verdict.NOT_YET, said(status, body));
  }

  /** No answer: a gate or the rollback hook is asked again, a hook has failed. */
  private static GateAnswer failed(GateStatus record, GatePoint point, String why) {
    boolean hook = point.hook() && point != GatePoint.ROLLBACK;
    return GateAnswer.to(record, hook ? Verdict.NO : Verdict.NOT_YET, why);
  }

  private static String said(int status, String body) {
    String text = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    return "HTTP " + status + (text.isEmpty() ? ""
        : ": " + (text.length() > EXCERPT ? text.substring(0, EXCERPT) + "..." : text));
  }

  private static JsonNode json(String body) {
    try {
      JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      return JSON.createObjectNode(); // a body that is no JSON says nothing more
    }
  }

  /** The URL; an error does not repeat it, as it may carry a token. */
  private static URI uri(String url) throws Unsendable {
    try {
      URI uri = URI.create(url.trim());
      if (uri.getHost() != null
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new Unsendable("the url is not a valid http or https URL");
  }

  private static String value(GateHeader header, Secrets secrets, String namespace)
      throws Unsendable {
    if (header.value != null) {
      return header.value;
    }
    SecretKeySelector ref = header.valueFrom.secretKeyRef;
    Map<String, String> secret = secrets.read(namespace, ref.getName()).orElse(null);
    if (secret == null || !secret.containsKey(ref.getKey())) {
      throw new Unsendable("header " + header.name + ": Secret " + ref.getName()
          + (secret == null ? " does not exist" : " has no key " + ref.getKey()));
    }
    return secret.get(ref.getKey());
  }
}
