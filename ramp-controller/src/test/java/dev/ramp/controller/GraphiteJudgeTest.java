package dev.ramp.controller;

import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.GraphiteCounters;
import dev.ramp.workloadsim.LocalGraphite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The judge reading each revision's counters from a real Graphite (see {@link LocalGraphite})
 * through its render API; the test writes each revision's running totals into whisper every
 * second, as a service's cumulative counters are, all revisions' at once. Graphite keeps a point per minute here, so a
 * point is overwritten until the minute ends; keepLastValue() bridges a minute just begun.
 */
class GraphiteJudgeTest extends CountingProviderJudgeTest {
  private LocalGraphite graphite;

  @Override
  Counts startCounts() {
    try {
      graphite = LocalGraphite.start(Files.createTempDirectory("ramp-graphite"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    graphite.require();
    return new RunningTotals(Duration.ofSeconds(1), totals -> {
      long now = System.currentTimeMillis() / 1000;
      Map<String, Map<Long, Double>> points = new HashMap<>();
      totals.forEach((revision, counted) -> {
        points.put("app." + revision + ".requests", Map.of(now, (double) counted.requests()));
        points.put("app." + revision + ".errors", Map.of(now, (double) counted.errors()));
      });
      graphite.write(points);
    }, graphite);
  }

  @Override
  Map<String, String> secret(Counts counts) {
    return Map.of();
  }

  @Override
  void counters(CompareMetric compare, String secret) {
    compare.graphite = new GraphiteCounters();
    compare.graphite.address = graphite.address();
    compare.graphite.events = "target=keepLastValue(app.{{revision}}.errors)&from=-10min";
    compare.graphite.requests = "target=keepLastValue(app.{{revision}}.requests)&from=-10min";
  }

  @Override
  String name() {
    return "graphite";
  }
}
