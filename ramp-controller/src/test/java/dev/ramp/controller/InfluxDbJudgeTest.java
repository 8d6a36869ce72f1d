package dev.ramp.controller;

import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.workloadsim.LocalInfluxDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The judge reading each revision's counters with InfluxQL from a real InfluxDB 1.x (see {@link
 * LocalInfluxDb}) whose address and credentials are in a profile Secret; the test writes each
 * revision's running totals as points every quarter second.
 */
class InfluxDbJudgeTest extends CountingProviderJudgeTest {
  private LocalInfluxDb influx;

  @Override
  Counts startCounts() {
    try {
      influx = LocalInfluxDb.start(Files.createTempDirectory("ramp-influxdb"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    influx.require();
    influx.execute("CREATE DATABASE app");
    return new RunningTotals(Duration.ofMillis(250), totals -> influx.write("app",
        totals.entrySet().stream().map(revision -> "requests,revision=" + revision.getKey()
            + " requests=" + revision.getValue().requests() + "i,errors="
            + revision.getValue().errors() + "i " + System.currentTimeMillis())
            .collect(Collectors.joining("\n"))), influx);
  }

  @Override
  Map<String, String> secret(Counts counts) {
    return Map.of("address", influx.address(), "username", LocalInfluxDb.USER,
        "password", LocalInfluxDb.PASSWORD);
  }

  @Override
  void counters(CompareMetric compare, String secret) {
    compare.influxdb = new CompareMetric.InfluxDbCounters();
    compare.influxdb.profile = secret;
    compare.influxdb.language = "influxql";
    compare.influxdb.database = "app";
    compare.influxdb.events =
        "SELECT last(\"errors\") FROM \"requests\" WHERE \"revision\" = '{{revision}}'";
    compare.influxdb.requests =
        "SELECT last(\"requests\") FROM \"requests\" WHERE \"revision\" = '{{revision}}'";
  }

  @Override
  String name() {
    return "influx";
  }
}
