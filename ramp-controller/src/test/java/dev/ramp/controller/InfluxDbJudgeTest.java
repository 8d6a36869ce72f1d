package dev.ramp.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.CompareMetric;
import dev.ramp.api.analysis.Measurement;
import dev.ramp.workloadsim.LocalInfluxDb;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ramp's judge through the real operator, reading each revision's counters with InfluxQL from a
 * real InfluxDB 1.x (see {@link LocalInfluxDb}) whose address and credentials are in the profile
 * Secret {@code influxdb}. The test plays the service: every 250ms it writes each revision's
 * running totals, 1000 more canary and 9000 more stable requests with their errors.
 */
class InfluxDbJudgeTest extends ClusterTest {
  private static final String TEMPLATE = "influx-judge";

  private LocalInfluxDb influx;
  private ScheduledExecutorService service;
  private final Map<String, Traffic> traffic = new ConcurrentHashMap<>();

  /** A revision's requests per quarter second and error rate, and its totals so far. */
  private static final class Traffic {
    private final long perTick;
    private final double errorRate;
    private long requests;
    private long errors;

    Traffic(long perTick, double errorRate) {
      this.perTick = perTick;
      this.errorRate = errorRate;
    }

    /** A quarter second more: the totals as an InfluxDB point in line protocol. */
    String next(String revision) {
      requests += perTick;
      errors += Math.round(perTick * errorRate);
      return "requests,revision=" + revision + " requests=" + requests + "i,errors=" + errors
          + "i " + System.currentTimeMillis();
    }
  }

  @BeforeAll
  void startInfluxDb(@TempDir Path dir) throws IOException {
    influx = LocalInfluxDb.start(dir);
    if (influx.address() == null) {
      return;
    }
    influx.execute("CREATE DATABASE app");
    cluster.client.secrets().inNamespace(Cluster.NS).resource(new SecretBuilder()
        .withNewMetadata().withName("influxdb").withNamespace(Cluster.NS).endMetadata()
        .addToStringData(Map.of("address", influx.address(), "username", LocalInfluxDb.USER,
            "password", LocalInfluxDb.PASSWORD)).build()).create();
    CompareMetric compare = new CompareMetric();
    compare.influxdb = new CompareMetric.InfluxDbCounters();
    compare.influxdb.language = "influxql";
    compare.influxdb.database = "app";
    compare.influxdb.events =
        "SELECT last(\"errors\") FROM \"requests\" WHERE \"revision\" = '{{revision}}'";
    compare.influxdb.requests =
        "SELECT last(\"requests\") FROM \"requests\" WHERE \"revision\" = '{{revision}}'";
    JudgeAnalysis.install(cluster, TEMPLATE, compare);
    service = Executors.newSingleThreadScheduledExecutor();
    service.scheduleAtFixedRate(() -> {
      if (!traffic.isEmpty()) {
        influx.write("app", traffic.entrySet().stream()
            .map(revision -> revision.getValue().next(revision.getKey()))
            .collect(Collectors.joining("\n")));
      }
    }, 0, 250, TimeUnit.MILLISECONDS);
  }

  @AfterAll
  void stopInfluxDb() throws InterruptedException {
    if (service != null) {
      service.shutdownNow();
      service.awaitTermination(10, TimeUnit.SECONDS);
    }
    if (influx != null) {
      influx.close();
    }
  }

  @Test
  void aCanaryAsGoodAsTheStableIsAccepted() {
    influx.require();
    String v2 = rollOut("influx-ok", 0.01);

    Measurement accepted = awaitJudged("influx-ok", v2, "Successful");

    assertThat(accepted.message).contains("acceptable");
    assertThat(Double.parseDouble(accepted.compare.ratioUpper)).isLessThanOrEqualTo(1.5);
    assertThat(cluster.client.resources(Rollout.class).inNamespace(Cluster.NS)
        .withName("influx-ok").get().getStatus().phase).isEqualTo("Paused");
  }

  @Test
  void aCanaryWithFiveTimesTheStablesErrorsIsSentBack() {
    influx.require();
    String v2 = rollOut("influx-bad", 0.05);

    Rollout aborted = cluster.awaitPhase("influx-bad", "Aborted");

    assertThat(aborted.getStatus().message).contains("metric errors failed", "regression");
    Measurement failed = awaitJudged("influx-bad", v2, "Failed");
    assertThat(Double.parseDouble(failed.compare.ratioLower)).isGreaterThan(1);
  }

  /** Rolls out v2 whose errors are {@code canaryRate} of its requests; its revision. */
  private String rollOut(String name, double canaryRate) {
    cluster.create(JudgeAnalysis.guarded(name, TEMPLATE));
    String v1 = cluster.awaitPhase(name, "Healthy").getStatus().stableRevision;
    traffic.put(v1, new Traffic(9000, 0.01));
    cluster.setImage(name, "demo:v2");
    String v2 = cluster.awaitStep(name, 1, "Paused").getStatus().updatedRevision;
    traffic.put(v2, new Traffic(1000, canaryRate));
    return v2;
  }

  /** The judge's first measurement of {@code phase}, once there is one. */
  private Measurement awaitJudged(String name, String v2, String phase) {
    String run = name + "-" + v2 + "-background";
    cluster.await(name, "a " + phase + " measurement of " + run, rollout -> {
      AnalysisRun analysis = cluster.client.resources(AnalysisRun.class)
          .inNamespace(Cluster.NS).withName(run).get();
      return analysis != null && analysis.getStatus() != null
          && analysis.getStatus().metricResults != null
          && analysis.getStatus().metricResults.get(0).measurements.stream()
              .anyMatch(measurement -> phase.equals(measurement.phase));
    });
    return cluster.client.resources(AnalysisRun.class).inNamespace(Cluster.NS).withName(run)
        .get().getStatus().metricResults.get(0).measurements.stream()
        .filter(measurement -> phase.equals(measurement.phase)).findFirst().orElseThrow();
  }
}
