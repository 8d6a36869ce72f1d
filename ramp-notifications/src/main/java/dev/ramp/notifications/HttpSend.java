package dev.ramp.notifications;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The HTTP side of every HTTP service: sends one request and sorts the answer the way the
 * delivery queue needs it. A 2xx is the service's to read (Slack answers 200 with {@code
 * "ok": false}); 5xx, 429 (with its Retry-After), timeouts and failed connections are worth
 * trying again; any other 4xx is not. Messages name the service and quote the start of the
 * answer, never the URL (a webhook URL is a credential).
 */
public final class HttpSend {
  private static final int EXCERPT = 200;

  private final HttpClient client;

  public HttpSend(HttpClient client) {
    this.client = client;
  }

  /** An answer with a 2xx status, or what the queue should do instead. */
  public sealed interface Answer {}

  /** The receiver answered 2xx. */
  public record Ok(int status, String body) implements Answer {}

  /** The receiver did not take it: retry or give up, as the result says. */
  public record NotOk(SendResult result) implements Answer {}

  /**
   * Sends the request (which carries its own timeout).
   *
   * @param service how messages name the receiver, e.g. "Slack" or "webhook github"
   */
  public Answer send(HttpRequest request, String service) {
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      return new NotOk(new SendResult.Retry(service + " did not answer in time", null));
    } catch (IOException e) {
      return new NotOk(new SendResult.Retry(service + " could not be reached ("
          + e.getClass().getSimpleName() + ")", null));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new NotOk(new SendResult.Retry(service + ": sending was interrupted", null));
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new Ok(status, response.body());
    }
    String said = service + " answered " + status + excerpt(response.body());
    if (status == 429 || status >= 500) {
      Duration after = response.headers().firstValue("Retry-After")
          .flatMap(HttpSend::retryAfter).orElse(null);
      return new NotOk(new SendResult.Retry(said, after));
    }
    return new NotOk(new SendResult.Refused(said));
  }

  /** Retry-After as seconds or as an HTTP date; empty when it is neither. */
  static Optional<Duration> retryAfter(String value) {
    String trimmed = value.trim();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed))));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME)
            .toInstant();
        Duration wait = Duration.between(Instant.now(), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  private static String excerpt(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String oneLine = body.strip().replaceAll("\\s+", " ");
    return ": " + (oneLine.length() > EXCERPT ? oneLine.substring(0, EXCERPT) + "…" : oneLine);
  }
}
