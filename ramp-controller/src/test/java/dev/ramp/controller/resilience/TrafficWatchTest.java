package dev.ramp.controller.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The traffic watch itself: it sees traffic sent to a revision without available pods. */
class TrafficWatchTest {
  @Test
  void reportsAServiceAndARouteWeightLeadingToARevisionWithoutPods() {
    try (SimulatedCluster cluster = new SimulatedCluster();
        TrafficWatch traffic = new TrafficWatch(cluster.client)) {
      cluster.apply("wrong", """
          apiVersion: v1
          kind: Service
          metadata: {name: checkout-canary}
          spec: {selector: {app: checkout, rollouts-pod-template-hash: abc}, ports: [{port: 80}]}
          ---
          apiVersion: gateway.networking.k8s.io/v1
          kind: HTTPRoute
          metadata: {name: checkout}
          spec:
            rules: [{name: main, backendRefs: [{name: checkout-canary, port: 80, weight: 10}]}]
          """);

      assertThat(traffic.violations("wrong")).anySatisfy(seen -> assertThat(seen).startsWith(
          "Service checkout-canary selects revision abc, which has no available pods"))
          .anySatisfy(seen -> assertThat(seen).startsWith("HTTPRoute checkout sends weight 10"
              + " to checkout-canary, revision abc, which has no available pods"));
    }
  }
}
