package dev.ramp.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutStatus;
import dev.ramp.cli.CliException;
import dev.ramp.cli.MockCluster;
import dev.ramp.sim.apiserver.SandboxApiServer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The step a promote skips must be the one the user saw. fabric8's mock ignores a stated
 * resourceVersion on /status; the sandbox's API server checks it, as a real one does.
 */
class RolloutsTest {
  @Test
  void aStatusPatchForAStateThatChangedIsRefused() {
    CustomResourceDefinition crd = Serialization.unmarshal(RolloutsTest.class
        .getResourceAsStream("/META-INF/fabric8/rollouts.ramp.dev-v1.yml"),
        CustomResourceDefinition.class);
    try (SandboxApiServer server = SandboxApiServer.start(0, List.of(crd))) {
      Rollouts rollouts = new Cluster(server.client(), "default").rollouts();
      server.client().resource(MockCluster.rollout("checkout", 5, CanaryStep.weight(20),
          CanaryStep.weight(50))).create();
      Rollout seen = rollouts.get("checkout");
      RolloutStatus moved = new RolloutStatus();
      moved.currentStepIndex = 1;
      seen.setStatus(moved);
      server.client().resource(seen).updateStatus();

      assertThatThrownBy(() -> rollouts.patchStatusIfUnchanged(seen, "currentStepIndex", 1))
          .isInstanceOf(CliException.class)
          .hasMessage("rollout \"checkout\" changed while this command ran; nothing was done:"
              + " look again and retry");
      Rollout current = rollouts.get("checkout");
      rollouts.patchStatusIfUnchanged(current, "currentStepIndex", 2);
      assertThat(rollouts.get("checkout").getStatus().currentStepIndex).isEqualTo(2);
    }
  }
}
