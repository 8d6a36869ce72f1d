package dev.ramp.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.cli.Cli;
import org.junit.jupiter.api.Test;

/** A small scale run, to check what the report says (the numbers are for the benchmark). */
class ScaleCommandTest {
  @Test
  void releasesEveryRolloutAndReportsTimeLatencyRequestsAndHeap() {
    Cli.Result result = Cli.run("bench", "scale", "--rollouts", "3", "--ready-delay", "100ms");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("3 rollouts Healthy after")
        .contains("Scale: 3 rollouts through a 3-step canary (setWeight 50, pause 1s,"
            + " setWeight 100), " + Runtime.getRuntime().availableProcessors() + " processors")
        .containsPattern("first deploy +\\d+\\.\\d s until all Healthy")
        .containsPattern("release +\\d+\\.\\d s until all promoted")
        .containsPattern("step latency +p50 \\d+ ms, p99 \\d+ ms, max \\d+ ms \\(9 steps:"
            + " condition met -> next action applied\\)")
        .containsPattern("API requests +\\d+\\.\\d per rollout step \\(\\d+\\.\\d writes\\)")
        .containsPattern("controller heap +\\d+ MiB after GC");
  }

  @Test
  void refusesARunWithoutRollouts() {
    Cli.Result result = Cli.run("bench", "scale", "--rollouts", "0");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err()).contains("--rollouts must be at least 1");
  }
}
