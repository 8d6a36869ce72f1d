package dev.ramp.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The series of a SignalFlow computation streamed as Server-Sent Events (Splunk Observability's
 * "SignalFlow API", POST /v2/signalflow/execute; the messages of "SignalFlow stream messages"):
 * {@code control-message} events from STREAM_START to END_OF_CHANNEL (or CHANNEL_ABORT),
 * a {@code metadata} event naming each output time series by its {@code tsId}, {@code data}
 * events of {@code [{tsId, value}]} at each {@code logicalTimestampMs}, and {@code error}
 * events for a program that cannot run. A stream that ends without END_OF_CHANNEL was cut.
 */
final class SignalFlowStream {
  private SignalFlowStream() {}

  static List<ValueSeries> series(String body) throws MeasurementException {
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, List<Double>> points = new LinkedHashMap<>();
    boolean ended = false;
    for (String block : String.valueOf(body).replace("\r\n", "\n").split("\n\n")) {
      if (block.isBlank()) {
        continue;
      }
      String type = "message";
      StringBuilder data = new StringBuilder();
      for (String line : block.split("\n")) {
        if (line.startsWith("event:")) {
          type = line.substring("event:".length()).trim();
        } else if (line.startsWith("data:")) {
          data.append(data.length() == 0 ? "" : "\n").append(line.substring("data:".length())
              .trim());
        } else if (!line.matches("(:|id:|retry:).*")) {
          throw new MeasurementException("the answer is not a stream of server-sent events");
        }
      }
      JsonNode message = AnswerJson.object(data.toString(), "an event's data");
      switch (type) {
        case "metadata" -> names.put(message.path("tsId").asText(), name(message));
        case "data" -> {
          for (JsonNode datum : message.path("data")) {
            String tsId = datum.path("tsId").asText();
            points.computeIfAbsent(tsId, id -> new ArrayList<>())
                .add(ValueSeries.point(tsId, datum.path("value")));
          }
        }
        case "error" -> throw new MeasurementException("the program failed: "
            + message.path("errors"));
        case "control-message" -> {
          String event = message.path("event").asText();
          if (event.equals("CHANNEL_ABORT")) {
            throw new MeasurementException("the computation was aborted: "
                + message.path("abortInfo"));
          }
          ended |= event.equals("END_OF_CHANNEL");
        }
        default -> { } // info messages and events say nothing of the values
      }
    }
    if (!ended) {
      throw new MeasurementException("the stream ended before END_OF_CHANNEL: the computation"
          + " did not finish");
    }
    List<ValueSeries> series = new ArrayList<>();
    names.forEach((tsId, name) -> series.add(new ValueSeries(name,
        points.getOrDefault(tsId, List.of()))));
    points.forEach((tsId, values) -> {
      if (!names.containsKey(tsId)) {
        series.add(new ValueSeries(tsId, values));
      }
    });
    return series;
  }


  /** The series' metric and dimensions, e.g. {@code requests.errors{version=v2}}. */
  private static String name(JsonNode metadata) {
    JsonNode properties = metadata.path("properties");
    Map<String, String> dimensions = new TreeMap<>();
    properties.path("sf_key").forEach(key -> {
      // sf_key lists the dimensions and SignalFlow's own sf_ properties, the metric's name
      if (!key.asText().startsWith("sf_") && properties.hasNonNull(key.asText())) {
        dimensions.put(key.asText(), properties.path(key.asText()).asText());
      }
    });
    String metric = properties.path("sf_originatingMetric").asText(properties.path("sf_metric")
        .asText(metadata.path("tsId").asText()));
    return metric + (dimensions.isEmpty() ? "" : dimensions.toString().replace(", ", ","));
  }
}
