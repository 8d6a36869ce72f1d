package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.cluster.routing.RouterKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contour's own status through the real operator, with the workload simulator playing Contour:
 * a step counts once Contour reports the HTTPProxy valid, and an invalid one is shown.
 */
class ContourStatusTest extends ClusterTest {
  @BeforeAll
  void installContour() {
    RouterFixtures.installCrds(cluster.client, RouterKind.HTTP_PROXY);
  }

  @Test
  void aStepWaitsWhileContourFindsTheProxyInvalidAndGoesOnOnceItIsValid() {
    RouterFixtures.create(cluster.client, """
        apiVersion: projectcontour.io/v1
        kind: HTTPProxy
        metadata: {name: invalid, namespace: default}
        spec:
          virtualhost: {fqdn: invalid.example.com}
          routes:
            - conditions: [{prefix: /}]
              services: [{name: invalid-stable, port: 80}]
            - conditions: [{prefix: /docs}]
              services: [{name: docs, port: 80}]
        """);
    cluster.create(Routes.routed(cluster, "invalid", RouterFixtures.contour("invalid"), weight(25),
        pause(null)));
    cluster.awaitPhase("invalid", "Healthy");

    String rejection = "HTTPProxy \"invalid\" is invalid in Contour: Spec.Routes unresolved"
        + " service reference: service \"default/docs\" not found";
    cluster.setImage("invalid", "demo:v2");
    HeldStep.awaitRefusal(cluster, "invalid", "the step waiting on Contour", rejection);

    cluster.createService("docs", "docs");
    cluster.awaitStep("invalid", 1, "Paused");
    assertThat(cluster.rollout("invalid").getStatus().message).doesNotContain("Contour");
  }
}
