package dev.ramp.sim.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * How fast each analysis stops a bad release and lets a good one through: every scenario
 * shipped {@code runs} times under every analysis, run i of each on the same seeded users.
 */
public final class DetectionBench {
  /**
   * Ramp's judge, alone and with a fresh baseline, the threshold analysis it replaces, the
   * reference no analysis can beat, and the reference no comparison with the concurrent stable
   * traffic can beat.
   */
  static final List<ReleaseAnalysis> ANALYSES = List.of(
      new EngineAnalysis("ramp-judge", scenario -> MeasurementSource.COUNTERS),
      new EngineAnalysis("ramp-judge-baseline", scenario -> MeasurementSource.COUNTERS, true),
      new ThresholdAnalysis(),
      new EngineAnalysis("sprt-oracle", SprtOracle::new),
      new EngineAnalysis("sprt-concurrent", ConcurrentSprt::new));

  /**
   * @param runs releases per scenario and analysis
   * @param seed what every run's users are drawn from
   * @param traffic how many requests per second the users send
   * @param scenarios the names of the scenarios to ship; all of them when empty
   * @param analyses the names of the analyses to ship them under; all of them when empty
   */
  public record Settings(int runs, long seed, TrafficProfile traffic, List<String> scenarios,
      List<String> analyses) {
    public Settings {
      if (runs < 1) {
        throw new IllegalArgumentException("runs must be at least 1");
      }
      // an unknown name is refused here, before any run
      scenarios.forEach(Scenario::named);
      analyses.forEach(DetectionBench::analysisNamed);
    }

    /** Every scenario under every analysis. */
    public Settings(int runs, long seed, TrafficProfile traffic) {
      this(runs, seed, traffic, List.of(), List.of());
    }

    List<Scenario> shipped() {
      return scenarios.isEmpty() ? Scenario.ALL
          : Scenario.ALL.stream().filter(s -> scenarios.contains(s.name())).toList();
    }

    List<ReleaseAnalysis> shippedUnder() {
      return analyses.isEmpty() ? ANALYSES
          : ANALYSES.stream().filter(a -> analyses.contains(a.name())).toList();
    }
  }

  static ReleaseAnalysis analysisNamed(String name) {
    return ANALYSES.stream().filter(a -> a.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no analysis " + name + "; there are "
            + String.join(", ", ANALYSES.stream().map(ReleaseAnalysis::name).toList())));
  }

  private DetectionBench() {}

  /**
   * One row per scenario and analysis, scenario by scenario; runs go in parallel.
   *
   * @param done told each row as soon as it is ready
   */
  public static List<DetectionRow> run(Settings settings, Consumer<DetectionRow> done) {
    long[] seeds = new SplittableRandom(settings.seed()).longs(settings.runs()).toArray();
    List<DetectionRow> rows = new ArrayList<>();
    for (Scenario scenario : settings.shipped()) {
      for (ReleaseAnalysis analysis : settings.shippedUnder()) {
        List<ReleaseOutcome> outcomes = IntStream.range(0, settings.runs()).parallel()
            .mapToObj(run -> analysis.ship(scenario,
                new Traffic(scenario, settings.traffic(), seeds[run])))
            .toList();
        DetectionRow row = DetectionRow.of(analysis.name(), scenario, outcomes);
        done.accept(row);
        rows.add(row);
      }
    }
    return rows;
  }
}
