package dev.ramp.cli.status;

import dev.ramp.cli.OutputFormat;
import dev.ramp.cli.cluster.Cluster;
import dev.ramp.cli.cluster.KubeOptions;
import dev.ramp.cli.cluster.Rollouts;
import dev.ramp.engine.spec.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code status NAME [--watch] [--timeout 5m]}: the rollout's state as an exit code. */
@Command(name = "status", mixinStandardHelpOptions = true,
    // errors must not look like an outcome: 1 and 2 mean failed and not yet
    exitCodeOnInvalidInput = StatusCommand.ERROR, exitCodeOnExecutionException = StatusCommand.ERROR,
    description = {"Print the rollout's phase, step and message, and exit with a code that says"
        + " where it stands. With --watch, print a line per change until it is done, failed or"
        + " the timeout passes."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:Healthy: fully promoted, and the controller has seen the current spec",
        "1:Degraded or Aborted",
        "2:still Progressing or Paused (with --watch: the timeout passed)",
        "3:the status could not be read (no such rollout, API not reachable, bad options)"})
public final class StatusCommand implements Callable<Integer> {
  static final int ERROR = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin KubeOptions kube;

  @Mixin OutputFormat output;

  @Parameters(paramLabel = "NAME", description = "The rollout.")
  String name;

  @Option(names = {"-w", "--watch"},
      description = "Wait until the rollout is done or failed, printing each change.")
  boolean watch;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "0",
      converter = DurationConverter.class,
      description = "With --watch: give up after this long (30s, 5m, 1h30m; 0, the default:"
          + " never).")
  Duration timeout;

  @Override
  public Integer call() throws InterruptedException {
    var out = spec.commandLine().getOut();
    Instant deadline = timeout.isZero() ? null : Instant.now().plus(timeout);
    try (Cluster cluster = kube.connect()) {
      Rollouts rollouts = cluster.rollouts();
      RolloutProgress shown = null;
      while (true) {
        RolloutProgress progress = RolloutProgress.of(rollouts.get(name));
        if (!progress.equals(shown)) {
          out.print(output.structured() ? output.render(progress) : progress.line() + "\n");
          out.flush();
          shown = progress;
        }
        if (!watch || progress.outcome() != RolloutProgress.Outcome.InProgress) {
          return progress.outcome().exitCode;
        }
        if (deadline != null && !Instant.now().isBefore(deadline)) {
          spec.commandLine().getErr().println("timed out after " + Durations.format(timeout)
              + ": rollout \"" + name + "\" is " + progress.phase());
          return RolloutProgress.Outcome.InProgress.exitCode;
        }
        Thread.sleep(Rollouts.WATCH_INTERVAL.toMillis());
      }
    }
  }

  /** Durations as Ramp writes them: 30, 30s, 5m, 1h30m. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return Durations.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
