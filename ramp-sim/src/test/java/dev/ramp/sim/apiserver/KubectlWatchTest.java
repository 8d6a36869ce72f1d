package dev.ramp.sim.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.sim.Kubectl;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

/** {@code kubectl get -w}: watches streamed over plain HTTP. */
class KubectlWatchTest extends SandboxApiServerTest {
  @Test
  void watchingOneRolloutShowsItsChangesAndNoOtherRollout() {
    create(Manifests.rollout("watched"));
    create(Manifests.rollout("bystander"));

    try (Kubectl.Background watch = kubectl.background("get", "rollout", "watched", "-w")) {
      watch.awaitLine("watched\\s.*");
      annotate("bystander");
      create(Manifests.rollout("newcomer"));
      annotate("watched");

      watch.awaitLine("watched\\s.*");
      assertThat(watch.lines()).filteredOn(line -> line.startsWith("watched")).hasSize(2);
      assertThat(watch.lines()).noneMatch(line -> line.startsWith("bystander")
          || line.startsWith("newcomer"));
    }
  }

  @Test
  void watchingPodsShowsNewPodsAndTheExistingOnesOnce() {
    server.client().pods().resource(pod("early", "watch")).create();

    try (Kubectl.Background watch = kubectl.background("get", "pods", "-l", "test=watch",
        "-w")) {
      watch.awaitLine("early\\s.*");
      server.client().pods().resource(pod("unlabelled", "other")).create();
      server.client().pods().resource(pod("late", "watch")).create();

      watch.awaitLine("late\\s.*");
      assertThat(watch.lines()).filteredOn(line -> line.startsWith("early")).hasSize(1);
      assertThat(watch.lines()).noneMatch(line -> line.startsWith("unlabelled"));
    }
  }

  private static void create(String manifest) {
    kubectl.runWithInput(manifest, "create", "-f", "-").ok();
  }

  private static void annotate(String rollout) {
    kubectl.run("annotate", "rollout", rollout, "touched=yes").ok();
  }

  private static Pod pod(String name, String label) {
    return new PodBuilder().withNewMetadata().withName(name).addToLabels("test", label)
        .endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("demo:v1").endContainer()
        .endSpec()
        .build();
  }
}
