package dev.ramp.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramp.cli.Cli;
import dev.ramp.sim.bench.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectionCommandTest {
  @TempDir Path dir;

  @Test
  void printsTheTableAndWritesDetectionJson() throws IOException {
    Path out = dir.resolve("bench");

    Cli.Result result = Cli.run("bench", "detection", "--runs", "2", "--seed", "5",
        "--out", out.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("2 releases per row, seed 5, 100 requests per second"
            + " (daily shape)")
        .contains("| scenario | analysis | rolled back |")
        .containsPattern("\\| total-failure \\| ramp-judge \\| 100.0% \\|")
        .contains("Wrote " + out.resolve("detection.json"));
    JsonNode json = new ObjectMapper().readTree(Files.readString(out.resolve("detection.json")));
    assertThat(json).as("every scenario under each of the five analyses")
        .hasSize(5 * Scenario.ALL.size());
    assertThat(json.get(0).get("analysis").asText()).isEqualTo("ramp-judge");
    assertThat(json.get(0).get("runs").asInt()).isEqualTo(2);
  }

  @Test
  void shipsOnlyTheScenariosNamed() throws IOException {
    Path out = dir.resolve("bench");

    Cli.Result result = Cli.run("bench", "detection", "--runs", "2", "--out", out.toString(),
        "--scenario", "total-failure", "--scenario", "healthy-shared-incident");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(Files.readString(out.resolve("detection.json")));
    assertThat(json.findValuesAsText("scenario")).containsExactly("healthy-shared-incident",
        "healthy-shared-incident", "healthy-shared-incident", "healthy-shared-incident",
        "healthy-shared-incident", "total-failure", "total-failure", "total-failure",
        "total-failure", "total-failure");
  }

  @Test
  void shipsUnderOnlyTheAnalysesNamed() throws IOException {
    Path out = dir.resolve("bench");

    Cli.Result result = Cli.run("bench", "detection", "--runs", "2", "--out", out.toString(),
        "--scenario", "total-failure", "--scenario", "10x",
        "--analysis", "sprt-concurrent", "--analysis", "ramp-judge");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).containsPattern("\\| 10x \\| ramp-judge \\|")
        .doesNotContain("threshold");
    JsonNode json = new ObjectMapper().readTree(Files.readString(out.resolve("detection.json")));
    // in the benchmark's own order, whatever the order named
    assertThat(json.findValuesAsText("analysis")).containsExactly("ramp-judge",
        "sprt-concurrent", "ramp-judge", "sprt-concurrent");
    assertThat(json.findValuesAsText("scenario")).containsExactly("10x", "10x",
        "total-failure", "total-failure");
  }

  @Test
  void anUnknownAnalysisIsRefusedNamingTheAnalysesThereAre() {
    Cli.Result result = Cli.run("bench", "detection", "--analysis", "kayenta");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--analysis: no analysis kayenta; there are ramp-judge,"
        + " ramp-judge-baseline, threshold, sprt-oracle, sprt-concurrent")
        .doesNotContain("Exception");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void anUnknownScenarioIsRefusedNamingTheScenariosThereAre() {
    Cli.Result result = Cli.run("bench", "detection", "--scenario", "3x");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--scenario: no scenario 3x; there are healthy-0.5,"
        + " healthy-at-slo, healthy-shared-incident, healthy-cold-start, 1.5x")
        .doesNotContain("Exception");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void badOptionsAreRefusedWithAMessageBeforeAnythingRuns() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "");

    Cli.Result noRuns = Cli.run("bench", "detection", "--runs", "0");
    Cli.Result noTraffic = Cli.run("bench", "detection", "--rps", "-5");
    Cli.Result notADirectory = Cli.run("bench", "detection", "--out", file.toString());

    assertThat(noRuns.exitCode()).isEqualTo(2);
    assertThat(noRuns.err()).contains("--runs must be at least 1, got 0")
        .doesNotContain("Exception");
    assertThat(noTraffic.exitCode()).isEqualTo(2);
    assertThat(noTraffic.err()).contains("--rps must be a positive number, got -5.0");
    assertThat(notADirectory.exitCode()).isEqualTo(2);
    assertThat(notADirectory.err()).contains("--out must be a directory; " + file + " is a file");
    assertThat(notADirectory.out()).isEmpty();
  }

  @Test
  void benchListsItsSubcommands() {
    Cli.Result result = Cli.run("bench");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("detection");
  }

  @Test
  void theHelpExplainsEveryOptionWithoutWarnings() {
    // picocli warns on the process's standard error about a description it cannot format
    PrintStream processErr = System.err;
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    Cli.Result result;
    try {
      System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
      result = Cli.run("bench", "detection", "--help");
    } finally {
      System.setErr(processErr);
    }

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("--runs=<runs>", "--seed=<seed>", "--out=DIR",
        "(40% of --rps");
    assertThat(result.err()).isEmpty();
    assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
