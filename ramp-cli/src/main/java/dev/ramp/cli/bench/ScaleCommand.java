package dev.ramp.cli.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.ramp.cli.CliException;
import dev.ramp.engine.spec.Durations;
import dev.ramp.sim.scale.ScaleBenchmark;
import dev.ramp.sim.scale.ScaleReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ramp bench scale}: many Rollouts released at once in a sandbox. */
@Command(name = "scale", mixinStandardHelpOptions = true,
    description = {"Release a new image to many Rollouts at once, each through a 3-step canary,"
        + " with Ramp's controller on the sandbox's API server and simulated pods, and report:"
        + " wall time, step latency (a step's condition met -> the next action applied), the"
        + " controller's API requests per rollout step, and the heap the controller holds.",
        "A benchmark: run it on a quiet machine, once."})
final class ScaleCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--rollouts", defaultValue = "500",
      description = "How many Rollouts (default: ${DEFAULT-VALUE}).")
  int rollouts;

  @Option(names = "--ready-delay", defaultValue = "1s",
      description = "How long a new pod takes to become ready (default: ${DEFAULT-VALUE}).")
  String readyDelay;

  @Override
  public Integer call() {
    if (rollouts < 1) {
      throw new CliException("--rollouts must be at least 1");
    }
    // Thousands of steps would each be a log line.
    ((Logger) LoggerFactory.getLogger("dev.ramp")).setLevel(Level.WARN);
    PrintWriter out = spec.commandLine().getOut();
    out.println("Deploying " + rollouts + " rollouts in a sandbox...");
    out.flush();
    ScaleReport report = ScaleBenchmark.run(
        new ScaleBenchmark.Options(rollouts, Durations.parse(readyDelay)), out);
    report.lines().forEach(out::println);
    out.flush();
    return 0;
  }
}
