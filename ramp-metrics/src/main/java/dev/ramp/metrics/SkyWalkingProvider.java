package dev.ramp.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramp.api.analysis.SkyWalkingMetric;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * A GraphQL query of Apache SkyWalking's query protocol, as Argo Rollouts runs it: {@code POST
 * <address>/graphql} with the query and a {@code $duration} variable of the last
 * {@code interval} (default 5m) by the minute; {@code result} is the answer's {@code data}, a
 * map by the query's fields. What proves nothing is an error (see {@link SkyWalkingAnswer}).
 */
public final class SkyWalkingProvider implements MetricProvider {
  /** Argo Rollouts' fixed query timeout. */
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  /** SkyWalking's form of a minute (Duration with step MINUTE); Argo sends UTC on a pod. */
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HHmm").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int QUERY_SHOWN = 120;

  private final HttpClient http;
  private final Clock clock;

  /** @param clock where the measured window ends */
  public SkyWalkingProvider(HttpClient http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  @Override
  public MeasurementResult measure(MeasurementRequest request) {
    SkyWalkingMetric metric = request.metric().provider.skywalking;
    return MeasurementResult.valueOf(() -> {
      try {
        return query(metric);
      } catch (MeasurementException e) {
        throw new MeasurementException(name(metric.query) + ": " + e.getMessage());
      }
    });
  }

  private Object query(SkyWalkingMetric metric) throws MeasurementException {
    URI address = HttpCall.uri(metric.address, "the SkyWalking address");
    URI graphql = URI.create(address.toString().replaceAll("/+$", "") + "/graphql");
    String server = "SkyWalking at " + HttpCall.describe(graphql);
    Duration timeout = Timeouts.parse(metric.timeout, DEFAULT_TIMEOUT);
    Duration interval = Intervals.parse(metric.interval);
    if (metric.query == null || metric.query.isBlank()) {
      throw new MeasurementException("it is empty");
    }
    HttpResponse<String> answer = HttpCall.send(http, HttpCall.request(graphql, List.of())
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body(metric.query, interval))).build(),
        server, timeout);
    List<String> secrets = HttpCall.secretsOf(graphql, List.of());
    if (!HttpCall.isSuccess(answer)) {
      throw HttpCall.failure(answer, server, "a request without credentials", secrets);
    }
    try {
      return SkyWalkingAnswer.data(answer.body());
    } catch (MeasurementException e) {
      throw new MeasurementException(server + " answered " + answer.statusCode() + ", but "
          + e.getMessage() + ": " + HttpCall.excerpt(answer.body(), secrets));
    }
  }

  /** The query and {@code duration: {start, end, step: MINUTE}}, as Argo sends them. */
  private String body(String query, Duration interval) {
    Instant end = clock.instant();
    Map<String, Object> duration = Map.of("start", MINUTE.format(end.minus(interval)),
        "end", MINUTE.format(end), "step", "MINUTE");
    try {
      return JSON.writeValueAsString(Map.of("query", query,
          "variables", Map.of("duration", duration)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("strings are always JSON", e);
    }
  }

  private static String name(String query) {
    String text = String.valueOf(query).replaceAll("\\s+", " ").trim();
    return "SkyWalking query \"" + (text.length() <= QUERY_SHOWN ? text
        : text.substring(0, QUERY_SHOWN) + "…") + "\"";
  }
}
