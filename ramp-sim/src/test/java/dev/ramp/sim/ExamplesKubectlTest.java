package dev.ramp.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every manifest in {@code examples/} applied with kubectl, as a person trying Ramp would, to a
 * sandbox of their own: the examples' names are the ones a user would pick, so they must not
 * meet another test's rollouts of the same name.
 */
class ExamplesKubectlTest extends SandboxKubectlFixture {
  @Test
  void theExamplesApplyAndBecomeHealthy() throws IOException {
    List<Path> examples;
    try (var files = Files.list(Path.of("..", "examples"))) {
      examples = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(examples).isNotEmpty();
    for (Path example : examples) {
      String applied = kubectl.run("apply", "-f", example.toAbsolutePath().toString()).ok();
      List<String> rollouts = applied.lines().filter(l -> l.startsWith("rollout.")).toList();
      assertThat(rollouts).as("rollouts in %s", example).isNotEmpty();
      for (String line : rollouts) {
        String name = line.substring(line.indexOf('/') + 1, line.indexOf(' '));
        await("rollout", name, ".status.phase", "Healthy");
      }
    }
  }
}
