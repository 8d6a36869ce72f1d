package dev.ramp.cli.bench;

import dev.ramp.cli.CliException;
import dev.ramp.sim.bench.DetectionBench;
import dev.ramp.sim.bench.DetectionReport;
import dev.ramp.sim.bench.DetectionRow;
import dev.ramp.sim.bench.TrafficProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ramp bench detection}: how fast bad releases are stopped, and good ones promoted. */
@Command(name = "detection", mixinStandardHelpOptions = true,
    description = "Ship healthy and bad releases through Ramp's judge (against the stable"
        + " version, and against a fresh baseline), a threshold analysis, an oracle that"
        + " knows the true error rates and one that knows their ratio, on the same simulated"
        + " users;"
        + " print a markdown table and write DIR/" + DetectionReport.FILE_NAME + ".")
final class DetectionCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--runs", defaultValue = "200",
      description = "Releases per scenario and analysis (default: ${DEFAULT-VALUE}; 2000 for"
          + " the false-rollback rates).")
  int runs;

  @Option(names = "--seed", defaultValue = "1",
      description = "Seed of the simulated users (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/bench",
      description = "Where to write " + DetectionReport.FILE_NAME
          + " (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--rps", defaultValue = "100",
      description = "Requests per second, on average (default: ${DEFAULT-VALUE}).")
  double rps;

  @Option(names = "--daily-traffic", negatable = true, defaultValue = "true",
      fallbackValue = "true",
      description = "Let the request rate follow the day (40%% of --rps at night, 160%% at noon),"
          + " each release shipped at a random time of day (default); --no-daily-traffic"
          + " keeps it constant.")
  boolean daily;

  @Option(names = "--scenario", paramLabel = "NAME",
      description = "Ship only this scenario (repeatable; default: all of them).")
  List<String> scenarios = List.of();

  @Option(names = "--analysis", paramLabel = "NAME",
      description = "Ship under this analysis only (repeatable; default: all of them:"
          + " ramp-judge, ramp-judge-baseline, threshold, sprt-oracle, sprt-concurrent).")
  List<String> analyses = List.of();

  @Override
  public Integer call() {
    if (runs < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--runs must be at least 1, got " + runs);
    }
    if (!(rps > 0) || Double.isInfinite(rps)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--rps must be a positive number, got " + rps);
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--out must be a directory; " + out + " is a file");
    }
    DetectionBench.Settings settings;
    try {
      settings = new DetectionBench.Settings(runs, seed, new TrafficProfile(rps, daily),
          scenarios, analyses);
    } catch (IllegalArgumentException e) {
      String option = e.getMessage().startsWith("no analysis") ? "--analysis" : "--scenario";
      throw new CommandLine.ParameterException(spec.commandLine(), option + ": "
          + e.getMessage());
    }
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    long started = System.nanoTime();
    List<DetectionRow> rows = DetectionBench.run(settings,
        row -> stderr.printf(Locale.ROOT, "%-14s %-12s done after %s%n", row.scenario(),
            row.analysis(), seconds(started)));
    stdout.printf(Locale.ROOT, "%d releases per row, seed %d, %s requests per second%s,"
        + " in %s:%n%n", runs, seed, BigDecimal.valueOf(rps).stripTrailingZeros().toPlainString(),
        daily ? " (daily shape)" : "", seconds(started));
    stdout.print(DetectionReport.markdown(rows));
    stdout.println();
    try {
      stdout.println("Wrote " + DetectionReport.writeJson(rows, out));
    } catch (IOException e) {
      throw new CliException("cannot write " + out.resolve(DetectionReport.FILE_NAME) + ": "
          + e.getMessage());
    }
    return 0;
  }

  private static String seconds(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds() + "s";
  }
}
