package dev.ramp.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Rollout;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A change the API server refuses is reported as an invalid spec, on a cluster of its own. */
class RefusedTemplateTest {
  Cluster cluster;

  @BeforeEach
  void start() {
    cluster = Cluster.start();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void aPodTemplateTheApiServerRefusesIsReportedAndFixingItRecovers() {
    cluster.server.expect().post().withPath("/apis/apps/v1/namespaces/default/replicasets")
        .andReturn(422, new StatusBuilder().withStatus("Failure").withCode(422)
            .withReason("Invalid").withMessage("ReplicaSet.apps \"refused-x\" is invalid:"
                + " spec.template.spec.containers[0].image: Required value").build())
        .once();
    cluster.create(Rollouts.canary("refused", 1, "demo:v1"));

    Rollout refused = cluster.awaitPhase("refused", "Degraded");
    assertThat(refused.getStatus().message).isEqualTo("Invalid spec: the API server refused the"
        + " ReplicaSet of revision " + refused.getStatus().refusedRevision + ": ReplicaSet.apps"
        + " \"refused-x\" is invalid: spec.template.spec.containers[0].image: Required value");
    assertThat(cluster.replicaSets("refused")).isEmpty();

    cluster.setImage("refused", "demo:v1-fixed");

    cluster.awaitPhase("refused", "Healthy");
  }
}
