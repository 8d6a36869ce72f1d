package dev.ramp.cli;

import dev.ramp.engine.spec.Durations;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How the sandbox simulates pods and users: shared by {@code sandbox} and {@code demo}. */
final class SimulationOptions {
  @Option(names = "--ready-delay", defaultValue = "1s",
      description = "How long a new pod takes to become ready (default: ${DEFAULT-VALUE}).")
  String readyDelay;

  @Option(names = "--rps", defaultValue = "100",
      description = "Simulated requests per second to each Rollout (default: ${DEFAULT-VALUE}).")
  int rps;

  Duration readyDelay() {
    return Durations.parse(readyDelay);
  }
}
