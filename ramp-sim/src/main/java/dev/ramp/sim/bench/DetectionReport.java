package dev.ramp.sim.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ramp.engine.judge.LowerBound;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The benchmark's rows as a markdown table for people and as detection.json for tools. */
public final class DetectionReport {
  public static final String FILE_NAME = "detection.json";
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private DetectionReport() {}

  public static String markdown(List<DetectionRow> rows) {
    StringBuilder table = new StringBuilder(
        "| scenario | analysis | rolled back | canary requests to rollback, median / p90"
            + " | failed (slow) requests served, median | seconds to decision, median"
            + " | seconds to 100%, median | lower bound, canary requests |\n"
            + "|---|---|--:|--:|--:|--:|--:|--:|\n");
    for (DetectionRow row : rows) {
      table.append(String.join(" | ", "| " + row.scenario(), row.analysis(),
          percent(row.rollbackRate()),
          count(row.medianCanaryRequestsToRollback()) + " / "
              + count(row.p90CanaryRequestsToRollback()),
          count(row.medianFailedRequestsServed()), count(row.medianSecondsToDecision()),
          count(row.medianSecondsToFullPromotion()), lowerBound(row.scenario())))
          .append(" |\n");
    }
    return table.toString();
  }

  /** Writes {@value #FILE_NAME} into the directory (made if missing); returns the file. */
  public static Path writeJson(List<DetectionRow> rows, Path directory) throws IOException {
    Files.createDirectories(directory);
    Path file = directory.resolve(FILE_NAME);
    JSON.writeValue(file.toFile(), rows);
    return file;
  }

  /**
   * The fewest canary requests any test needs on average to tell the new version's error rate
   * from the stable's at the oracle's α and β (the design notes' "physical limit").
   */
  private static String lowerBound(String scenarioName) {
    Scenario scenario = Scenario.named(scenarioName);
    if (!scenario.regression()) {
      return "–";
    }
    return count(Math.round(LowerBound.expectedRequests(scenario.stableErrorRate(),
        scenario.newErrorRate(), SprtOracle.ALPHA, SprtOracle.BETA)));
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  private static String count(Long value) {
    return value == null ? "–" : String.format(Locale.ROOT, "%,d", value);
  }
}
