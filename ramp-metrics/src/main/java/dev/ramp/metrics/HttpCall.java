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
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP side of the Prometheus and web providers: a URL checked and named without its secrets,
 * headers added without echoing their values, and a request bounded by the metric's timeout, with
 * failures worded for people.
 */
final class HttpCall {
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

  private static String why(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnresolvedAddressException) {
        return "unknown host";
      }
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
