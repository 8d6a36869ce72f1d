package dev.ramp.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.ramp.sim.demo.Demo;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ramp demo}: a healthy release promoted and a bad one rolled back, in a sandbox. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Watch Ramp ship a healthy release and stop a bad one, in a sandbox on this"
        + " machine. Exits 0 when both went as they should.")
final class DemoCommand implements Callable<Integer> {
  @CommandLine.Mixin SimulationOptions simulation;

  @Option(names = "--report", defaultValue = "ramp-demo-report.html",
      description = "Where to write the HTML report (default: ${DEFAULT-VALUE}).")
  Path report;

  @Override
  public Integer call() {
    // The demo tells the story itself (Ramp's Events among it); the controller's log would
    // repeat it line by line.
    ((Logger) LoggerFactory.getLogger("dev.ramp")).setLevel(Level.WARN);
    PrintStream out = System.out;
    boolean ok = Demo.run(new Demo.Options(simulation.rps, simulation.readyDelay(),
        Demo.Analysis.available(), report.toAbsolutePath(), out, System.console() != null));
    return ok ? 0 : 1;
  }
}
