package dev.ramp.cli;

import dev.ramp.sim.Sandbox;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ramp sandbox}: Ramp on this machine, for kubectl, until Ctrl-C. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
    description = "Run Ramp on this machine with no cluster: an API server for kubectl, the"
        + " controller, simulated pods and users (127.0.0.1 only).")
final class SandboxCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", description = "API port (default: any free port).")
  int port;

  @Option(names = "--kubeconfig", description = "Where to write the kubeconfig (default:"
      + " ${DEFAULT-VALUE}). It appears once everything is ready.",
      defaultValue = "ramp-sandbox.kubeconfig")
  Path kubeconfig;

  @CommandLine.Mixin SimulationOptions simulation;

  @Option(names = "--seed", defaultValue = "42",
      description = "Seed of the simulated failures (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws InterruptedException {
    Path file = kubeconfig.toAbsolutePath();
    CountDownLatch stopped = new CountDownLatch(1);
    try (Sandbox sandbox = Sandbox.start(new Sandbox.Options(port, file,
        simulation.readyDelay(), simulation.rps, seed))) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      var out = spec.commandLine().getOut();
      out.println("Ramp sandbox ready.");
      out.println("  API      " + sandbox.apiUrl());
      out.println("  metrics  " + sandbox.metricsUrl());
      out.println();
      out.println("  export KUBECONFIG=" + file);
      out.println("  kubectl get rollouts");
      out.println();
      out.println("Ctrl-C stops it.");
      out.flush();
      stopped.await();
    }
    return 0;
  }
}
