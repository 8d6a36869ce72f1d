package dev.ramp.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.ramp.engine.spec.Durations;
import dev.ramp.sim.demo.Demo;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** {@code ramp demo}: a healthy release promoted and a bad one rolled back, in a sandbox. */
@Command(name = "demo", description = "Watch Ramp ship a healthy release and stop a bad one,"
    + " in a sandbox on this machine. Exits 0 when both went as they should.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--rps", defaultValue = "100",
      description = "Simulated requests per second (default: ${DEFAULT-VALUE}).")
  int rps;

  @Option(names = "--report", defaultValue = "ramp-demo-report.html",
      description = "Where to write the HTML report (default: ${DEFAULT-VALUE}).")
  Path report;

  @Option(names = "--ready-delay", defaultValue = "1s",
      description = "How long a new pod takes to become ready (default: ${DEFAULT-VALUE}).")
  String readyDelay;

  @Override
  public Integer call() {
    // The demo tells the story itself (Ramp's Events among it); the controller's log would
    // repeat it line by line.
    ((Logger) LoggerFactory.getLogger("dev.ramp")).setLevel(Level.WARN);
    PrintStream out = System.out;
    boolean ok = Demo.run(new Demo.Options(rps, Durations.parse(readyDelay),
        Demo.Analysis.available(), report.toAbsolutePath(), out, System.console() != null));
    return ok ? 0 : 1;
  }
}
