package dev.ramp.metrics;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * One query to a hosted service whose answer is series of values (Wavefront, Dynatrace, Splunk
 * Observability): sent through {@link HttpCall}, refused or failed answers worded by it, the
 * series read and reduced to {@link ValueSeries#latest}. Every failure names the query and
 * quotes the answer's first bytes, never the credential.
 *
 * @param server how messages name the service, e.g. "Dynatrace at https://abc.live.dynatrace.com"
 * @param credential what a refusal names, e.g. "the dynatrace_token of Secret dynatrace"
 * @param secrets the values an answer must never repeat into a message
 */
record SeriesCall(HttpClient http, String server, String credential, List<String> secrets,
    Duration timeout) {
  private static final int QUERY_SHOWN = 120;

  /** Reads the series of a 2xx answer; its failures are told as the answer's. */
  @FunctionalInterface
  interface Reader {
    List<ValueSeries> read(String body) throws MeasurementException;
  }

  /**
   * Sends {@code request} and returns the latest value of each series it answers.
   *
   * @param kind how messages name the query, e.g. "Wavefront query"
   */
  Object latest(String kind, String query, HttpRequest request, Reader reader)
      throws MeasurementException {
    try {
      HttpResponse<String> answer = HttpCall.send(http, request, server, timeout);
      if (!HttpCall.isSuccess(answer)) {
        throw HttpCall.failure(answer, server, credential, secrets);
      }
      try {
        return ValueSeries.latest(reader.read(answer.body()));
      } catch (MeasurementException e) {
        throw new MeasurementException(server + " answered " + answer.statusCode() + ", but "
            + e.getMessage() + ": " + HttpCall.excerpt(answer.body(), secrets));
      }
    } catch (MeasurementException e) {
      throw new MeasurementException(kind + " \"" + shown(query) + "\": " + e.getMessage());
    }
  }

  private static String shown(String query) {
    String text = String.valueOf(query).replaceAll("\\s+", " ").trim();
    return text.length() <= QUERY_SHOWN ? text : text.substring(0, QUERY_SHOWN) + "…";
  }
}
