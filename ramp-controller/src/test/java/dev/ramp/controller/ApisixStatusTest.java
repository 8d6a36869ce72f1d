package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.routing.ApisixRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.routing.RouterKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The APISIX ingress controller's status through the real operator, with the workload simulator
 * playing the controller: a step counts once the ApisixRoute is synced, and an aborted sync is
 * shown.
 */
class ApisixStatusTest extends ClusterTest {
  @BeforeAll
  void installApisix() {
    RouterFixtures.installCrds(cluster.client, RouterKind.APISIX_ROUTE);
  }

  @Test
  void aStepWaitsWhileTheRouteCannotBeSyncedAndGoesOnOnceItIs() {
    RouterFixtures.create(cluster.client, """
        apiVersion: apisix.apache.org/v2
        kind: ApisixRoute
        metadata: {name: unsynced, namespace: default}
        spec:
          http:
            - name: unsynced
              match: {paths: ["/*"]}
              backends: [{serviceName: unsynced-stable, servicePort: 80}]
            - name: help
              match: {paths: ["/help/*"]}
              backends: [{serviceName: help, servicePort: 80}]
        """);
    TrafficRouting routing = new TrafficRouting();
    routing.apisix = new ApisixRouting();
    routing.apisix.route = new ApisixRouting.Route();
    routing.apisix.route.name = "unsynced";
    cluster.create(Routes.routed(cluster, "unsynced", routing, weight(25), pause(null)));
    cluster.awaitPhase("unsynced", "Healthy");

    String rejection = "ApisixRoute \"unsynced\" is not synced to APISIX: service"
        + " \"default/help\" not found";
    cluster.setImage("unsynced", "demo:v2");
    HeldStep.awaitRefusal(cluster, "unsynced", "the step waiting on APISIX", rejection);

    cluster.createService("help", "help");
    cluster.awaitStep("unsynced", 1, "Paused");
    assertThat(cluster.rollout("unsynced").getStatus().message).doesNotContain("APISIX");
  }
}
