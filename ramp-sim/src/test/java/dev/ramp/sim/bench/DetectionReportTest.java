package dev.ramp.sim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code ramp bench detection} reports, on a few releases per scenario. */
class DetectionReportTest {
  private static final DetectionBench.Settings SETTINGS =
      new DetectionBench.Settings(2, 7, new TrafficProfile(100, true));
  private static List<DetectionRow> rows;

  @TempDir Path dir;

  @BeforeAll
  static void runTheBenchmark() {
    rows = DetectionBench.run(SETTINGS, row -> {});
  }

  @Test
  void theJsonHasOneObjectPerAnalysisAndScenarioWithTheDocumentedKeys() throws IOException {
    JsonNode json = new ObjectMapper().readTree(
        Files.readString(DetectionReport.writeJson(rows, dir.resolve("out"))));

    assertThat(json.isArray()).isTrue();
    assertThat(json).hasSize(DetectionBench.ANALYSES.size() * Scenario.ALL.size());
    for (JsonNode row : json) {
      List<String> keys = new ArrayList<>();
      row.fieldNames().forEachRemaining(keys::add);
      assertThat(keys).containsExactly("analysis", "scenario", "runs", "rollback_rate",
          "median_canary_requests_to_rollback", "p90_canary_requests_to_rollback",
          "median_failed_requests_served", "median_seconds_to_decision",
          "median_seconds_to_full_promotion");
      assertThat(row.get("runs").asInt()).isEqualTo(2);
      boolean noneRolledBack = row.get("rollback_rate").asDouble() == 0;
      assertThat(row.get("median_canary_requests_to_rollback").isNull())
          .as("%s", row).isEqualTo(noneRolledBack);
      assertThat(row.get("p90_canary_requests_to_rollback").isNull())
          .as("%s", row).isEqualTo(noneRolledBack);
    }
    assertThat(StreamSupport.stream(json.spliterator(), false)
        .map(row -> row.get("analysis").asText()).distinct())
        .containsExactly("ramp-judge", "ramp-judge-baseline", "threshold", "sprt-oracle",
            "sprt-concurrent");
    assertThat(StreamSupport.stream(json.spliterator(), false)
        .map(row -> row.get("scenario").asText()).distinct())
        .containsExactly("healthy-0.5", "healthy-at-slo", "healthy-shared-incident",
            "healthy-cold-start", "1.5x",
            "2x", "slow-2x", "5x", "slow-5x", "10x", "total-failure");
  }

  @Test
  void totalFailureIsRolledBackByEveryAnalysisAndNeverReachesEveryone() {
    List<DetectionRow> totalFailure = rows.stream()
        .filter(row -> row.scenario().equals("total-failure")).toList();

    assertThat(totalFailure).hasSize(DetectionBench.ANALYSES.size()).allSatisfy(row -> {
      assertThat(row.rollbackRate()).isEqualTo(1.0);
      assertThat(row.medianSecondsToFullPromotion()).isNull();
      assertThat(row.medianSecondsToDecision()).isNotNull();
    });
  }

  @Test
  void theSameSeedGivesTheSameReport() {
    assertThat(DetectionBench.run(SETTINGS, row -> {})).isEqualTo(rows);
  }

  @Test
  void theTableHasARowPerAnalysisAndScenarioNextToTheLowerBound() {
    String table = DetectionReport.markdown(rows);

    assertThat(table.lines()).hasSize(2 + DetectionBench.ANALYSES.size() * Scenario.ALL.size());
    assertThat(table).contains("| lower bound, canary requests |")
        .contains("| failed (slow) requests served, median |")
        // 2x at α = 0.01, β = 0.05: 4.18 / KL(2% ‖ 1%) = 1,067.3 canary requests
        .containsPattern("\\| 2x \\| ramp-judge \\|.*\\| 1,067 \\|")
        .containsPattern("\\| slow-2x \\| ramp-judge \\|.*\\| 1,067 \\|")
        .containsPattern("\\| healthy-0.5 \\| threshold \\| 0.0% \\| – / – \\|");
  }
}
