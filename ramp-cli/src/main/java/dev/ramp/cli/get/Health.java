package dev.ramp.cli.get;

/** The few states the tree marks with a symbol, each with a plain ASCII fallback. */
enum Health {
  HEALTHY("✔", "+"),
  PROGRESSING("◌", "~"),
  PAUSED("॥", "||"),
  FAILED("✖", "x"),
  INCONCLUSIVE("?", "?"),
  INACTIVE("•", "-");

  private final String unicode;
  private final String ascii;

  Health(String unicode, String ascii) {
    this.unicode = unicode;
    this.ascii = ascii;
  }

  String symbol(boolean unicodeOutput) {
    return unicodeOutput ? unicode : ascii;
  }

  static Health ofRollout(String phase) {
    return switch (phase) {
      case "Healthy" -> HEALTHY;
      case "Paused" -> PAUSED;
      case "Degraded", "Aborted" -> FAILED;
      default -> PROGRESSING;
    };
  }

  /** For AnalysisRuns, their metrics and measurements. */
  static Health ofAnalysis(String phase) {
    return switch (phase) {
      case "Successful" -> HEALTHY;
      case "Failed", "Error" -> FAILED;
      case "Inconclusive" -> INCONCLUSIVE;
      default -> PROGRESSING;
    };
  }
}
