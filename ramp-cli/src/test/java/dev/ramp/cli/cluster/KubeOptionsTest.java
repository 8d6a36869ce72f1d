package dev.ramp.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.cli.Cli;
import dev.ramp.cli.MockClusterTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** How a command finds its cluster and namespace, and what it says when it cannot. */
class KubeOptionsTest extends MockClusterTest {
  @Test
  void theNamespaceComesFromTheOptionElseTheContext() {
    assertThat(cluster.ramp("list", "rollouts").err()).contains("namespace default.");
    assertThat(cluster.ramp("list", "rollouts", "--context", "elsewhere").err())
        .contains("namespace elsewhere.");
    assertThat(cluster.ramp("list", "rollouts", "--context", "elsewhere", "-n", "shop").err())
        .contains("namespace shop.");
  }

  @Test
  void aContextThatIsNotInTheKubeconfig() {
    Cli.Result result = cluster.ramp("list", "rollouts", "--context", "prod");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("error: context \"prod\" not found in the kubeconfig"
        + " (contexts: mock, elsewhere)\n");
  }

  @Test
  void aKubeconfigThatIsNotThere() {
    Cli.Result result = Cli.run("list", "rollouts", "--kubeconfig", "/nowhere/config");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("error: kubeconfig /nowhere/config does not exist or is"
        + " not readable\n");
  }

  @Test
  void anApiServerThatDoesNotAnswer() throws Exception {
    Path kubeconfig = dir.resolve("closed.kubeconfig");
    java.nio.file.Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters: [{name: closed, cluster: {server: "http://127.0.0.1:1"}}]
        users: [{name: u, user: {}}]
        contexts: [{name: closed, context: {cluster: closed, user: u}}]
        current-context: closed
        """);

    Cli.Result result = Cli.run("status", "checkout", "--kubeconfig", kubeconfig.toString());

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).isEqualTo("error: cannot talk to the Kubernetes API at"
        + " http://127.0.0.1:1/: connection refused (check the kubeconfig, its context, and that"
        + " the cluster is up)\n");
  }
}
