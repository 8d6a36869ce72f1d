package dev.ramp.metrics;

import dev.ramp.api.analysis.Header;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;

/**
 * The HTTP side of every HTTP provider: a URL checked and named without its secrets, headers
 * added without echoing their values, a request bounded by the metric's timeout (a 429 asking to
 * wait less than what is left of it is sent again once), and failures worded for people: which
 * credential was refused, when to retry, and the answer's first bytes.
 */
final class HttpCall {
  private static final int TOO_MANY_REQUESTS = 429;
  private static final int EXCERPT_LENGTH = 200;
  private static final int SHORTEST_SECRET = 4;

  private HttpCall() {}

  /** Parses an http(s) URL; the error does not repeat the URL, which may carry an API key. */
  static URI uri(String url, String what) throws MeasurementException {
    try {
      URI uri = new URI(url == null ? "" : url.trim());
      String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
      if (uri.getHost() != null && (scheme.equals("http") || scheme.equals("https"))) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below, without the URL
    }
    throw new MeasurementException(what + " is not a valid http or https URL");
  }

  /** The URL as messages show it: scheme, host, port and path, never user info or query. */
  static String describe(URI uri) {
    return uri.getScheme() + "://" + uri.getHost()
        + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  static HttpRequest.Builder request(URI uri, List<Header> headers) throws MeasurementException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    for (Header header : headers == null ? List.<Header>of() : headers) {
      try {
        request.header(header.key, header.value);
      } catch (IllegalArgumentException e) {
        // the JDK's message quotes the value, which may be a token
        throw new MeasurementException("header \"" + header.key
            + "\" cannot be sent: its name is restricted or its name or value is not valid HTTP");
      }
    }
    return request;
  }

  /**
   * Sends the request and waits for the whole answer at most {@code timeout}.
   *
   * @param server how messages name the other side, e.g. "Prometheus at http://host:9090"
   */
  static HttpResponse<String> send(HttpClient http, HttpRequest request, String server,
      Duration timeout) throws MeasurementException {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpResponse<String> answer = sendOnce(http, request, server, timeout);
    Optional<Duration> wait = answer.statusCode() == TOO_MANY_REQUESTS
        ? retryAfter(answer) : Optional.empty();
    if (wait.isPresent() && System.nanoTime() + wait.get().toNanos() < deadline) {
      pause(wait.get(), server);
      return sendOnce(http, request, server, Duration.ofNanos(deadline - System.nanoTime()));
    }
    return answer;
  }

  private static HttpResponse<String> sendOnce(HttpClient http, HttpRequest request,
      String server, Duration timeout) throws MeasurementException {
    CompletableFuture<HttpResponse<String>> answer =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    try {
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new MeasurementException(server + " did not answer within "
          + Timeouts.format(timeout));
    } catch (ExecutionException e) {
      throw new MeasurementException(server + " could not be reached: " + why(e.getCause()));
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw new MeasurementException("interrupted while waiting for " + server);
    }
  }

  private static void pause(Duration wait, String server) throws MeasurementException {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MeasurementException("interrupted while waiting to ask " + server + " again");
    }
  }

  /**
   * The error for an answer that is not 2xx, with its first bytes: a refused credential (401,
   * 403), rate limiting and how long it asks to wait (429), a server failure (5xx), or a refused
   * request.
   *
   * @param credential what the request carried, e.g. "the authToken of Secret influxdb"
   * @param secrets values the answer might echo, blanked in the message
   */
  static MeasurementException failure(HttpResponse<String> answer, String server,
      String credential, List<String> secrets) {
    int status = answer.statusCode();
    return failure(Refusal.of(status), status, retryAfter(answer),
        excerpt(answer.body(), secrets), server, credential);
  }

  /** Why a server did not answer a request: what a failure's message starts from. */
  enum Refusal {
    CREDENTIAL, RATE_LIMIT, SERVER_FAILURE, REQUEST;

    /** The refusal an HTTP status tells, for services that say no more than their status. */
    static Refusal of(int status) {
      return status == 401 || status == 403 ? CREDENTIAL
          : status == TOO_MANY_REQUESTS ? RATE_LIMIT
          : status / 100 == 5 ? SERVER_FAILURE : REQUEST;
    }
  }

  /**
   * The error for a refusal, for clients that read the answer themselves (the AWS SDK): the
   * refusal may come from the service's error code rather than from the status alone.
   *
   * @param wait how long the server asked to wait, if it said
   * @param said what the server said, already excerpted without secrets; may be empty
   */
  static MeasurementException failure(Refusal refusal, int status, Optional<Duration> wait,
      String said, String server, String credential) {
    String what = switch (refusal) {
      case CREDENTIAL -> server + " refused " + credential + " (" + status + ")";
      case RATE_LIMIT -> server + " is rate limiting (" + status + ")" + wait
          .map(seconds -> " and asks to wait " + Timeouts.format(seconds)).orElse("");
      case SERVER_FAILURE -> server + " failed (" + status + ")";
      case REQUEST -> server + " answered " + status;
    };
    return new MeasurementException(said.isEmpty() ? what : what + ": " + said);
  }

  /**
   * How a refusal names what a request sent of the metric's own: its headers' names, never
   * their values, e.g. "the headers Authorization, X-Scope-OrgID".
   */
  static String sentHeaders(List<Header> headers) {
    return headers == null || headers.isEmpty() ? "a request without headers"
        : "the headers " + String.join(", ", headers.stream().map(header -> header.key).toList());
  }

  /**
   * What an answer must not repeat into a message: what {@link #secretsOf(List)} blanks of the
   * metric's headers, and the values of the URL's query (where an API key may be).
   */
  static List<String> secretsOf(URI uri, List<Header> headers) {
    List<String> secrets = secretsOf(headers);
    String query = uri.getQuery();
    for (String parameter : query == null ? new String[0] : query.split("&")) {
      secrets.add(parameter.substring(parameter.indexOf('=') + 1));
    }
    return secrets;
  }

  /**
   * The answer's first bytes as a message shows them: on one line, at most
   * {@value #EXCERPT_LENGTH} characters, with any of {@code secrets} blanked.
   */
  static String excerpt(String body, List<String> secrets) {
    String text = body == null ? "" : body;
    for (String secret : secrets) {
      if (secret.length() >= SHORTEST_SECRET) { // "1" or "5m" would garble the answer
        text = text.replace(secret, "<redacted>");
      }
    }
    text = text.replaceAll("\\s+", " ").trim();
    return text.length() <= EXCERPT_LENGTH ? text : text.substring(0, EXCERPT_LENGTH) + "…";
  }

  /**
   * What an answer must not repeat of the headers sent: each value, and of a value with an
   * authentication scheme ("Bearer t0ken") the credentials alone, which a server may echo.
   */
  static List<String> secretsOf(List<Header> headers) {
    List<String> secrets = new ArrayList<>();
    for (Header header : headers == null ? List.<Header>of() : headers) {
      String value = header.value == null ? "" : header.value.trim();
      if (!value.isEmpty()) {
        secrets.add(value);
        String credentials = value.substring(value.indexOf(' ') + 1).trim();
        if (!credentials.equals(value)) {
          secrets.add(credentials);
        }
      }
    }
    return secrets;
  }

  /**
   * Retry-After, in seconds or as an HTTP date; else X-RateLimit-Reset, the seconds until the
   * rate limit's window resets, which is how Datadog says it; empty when the answer does not say.
   */
  static Optional<Duration> retryAfter(HttpResponse<?> answer) {
    Optional<String> header = answer.headers().firstValue("Retry-After")
        .or(() -> answer.headers().firstValue("X-RateLimit-Reset")).map(String::trim);
    if (header.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(header.get()))));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(header.get(), DateTimeFormatter.RFC_1123_DATE_TIME)
            .toInstant();
        Duration wait = Duration.between(Instant.now(), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }

  private static String why(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnresolvedAddressException) {
        return "unknown host";
      }
    }
    if (failure instanceof SSLHandshakeException) {
      return "the TLS handshake failed: " + (failure.getCause() instanceof CertificateException
          ? "its certificate is not trusted (" + failure.getMessage() + ")"
          : failure.getMessage());
    }
    if (failure instanceof HttpConnectTimeoutException) {
      return "connection timed out";
    }
    if (failure.getMessage() != null) {
      return failure.getMessage();
    }
    // the JDK client's ConnectException has no message for a closed port
    return failure instanceof ConnectException ? "connection refused"
        : failure.getClass().getSimpleName();
  }

  static boolean isSuccess(HttpResponse<?> answer) {
    return answer.statusCode() / 100 == 2;
  }
}
