package dev.ramp.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Rollout;
import dev.ramp.api.experiment.Experiment;
import dev.ramp.cluster.routing.RouterKind;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An experiment step's weighted templates through the real operator: the HTTPRoute carries a
 * backendRef to each template's Service with its weight while the experiment runs, and loses
 * them when it ends; the backendRef its author wrote stays.
 */
class ExperimentRoutingTest extends ClusterTest {

  @BeforeAll
  void installGatewayApi() {
    cluster.client.apiextensions().v1().customResourceDefinitions()
        .resource(RouterKind.HTTP_ROUTE.minimalCrd()).create();
  }

  private Map<String, Integer> weights(String route) {
    return cluster.client.resources(HTTPRoute.class).inNamespace(Cluster.NS).withName(route)
        .get().getSpec().getRules().get(0).getBackendRefs().stream().collect(
            Collectors.toMap(HTTPBackendRef::getName,
                ref -> ref.getWeight() == null ? 1 : ref.getWeight()));
  }

  @Test
  void theTemplatesGetTheirWeightsWhileTheExperimentRunsAndLoseThemWhenItEnds() {
    // a backendRef of the author's own, kept at 0 to send requests back to the old system
    cluster.client.resources(HTTPRoute.class).inNamespace(Cluster.NS).resource(
        new HTTPRouteBuilder().withNewMetadata().withName("weighed").withNamespace(Cluster.NS)
            .endMetadata()
            .withNewSpec().addNewParentRef().withName("gateway").endParentRef()
            .addNewRule()
            .addNewBackendRef().withName("weighed-stable").withPort(80).endBackendRef()
            .addNewBackendRef().withName("weighed-legacy").withPort(80).withWeight(0)
            .endBackendRef()
            .endRule()
            .endSpec().build()).create();
    cluster.createService("weighed-stable", "weighed");
    cluster.createService("weighed-canary", "weighed");
    cluster.createService("weighed-legacy", "legacy");
    cluster.create(rollout("""
        metadata: {name: weighed}
        spec:
          replicas: 4
          selector: {matchLabels: {app: weighed}}
          template:
            metadata: {labels: {app: weighed}}
            spec:
              containers: [{name: app, image: "demo:v1", ports: [{containerPort: 8080}]}]
          strategy:
            canary:
              stableService: weighed-stable
              canaryService: weighed-canary
              scaleDownDelaySeconds: 1
              trafficRouting:
                gatewayAPI: {httpRoute: weighed}
              steps:
                - setWeight: 20
                - experiment:
                    duration: 10s
                    templates:
                      - {name: baseline, specRef: stable, weight: 10}
                      - {name: canary, specRef: canary, weight: 15, service: {}}
                      - {name: plain, specRef: canary}
                - pause: {}
        """));
    cluster.awaitPhase("weighed", "Healthy");

    cluster.setImage("weighed", "demo:v2");

    String experiment = "weighed-" + cluster.await("weighed", "updating",
        r -> !r.getStatus().updatedRevision.equals(r.getStatus().stableRevision))
        .getStatus().updatedRevision + "-1";
    cluster.eventually(() -> assertThat(weights("weighed")).isEqualTo(Map.of(
        "weighed-stable", 55, "weighed-canary", 20, experiment + "-baseline", 10,
        experiment + "-canary", 15, "weighed-legacy", 0)));
    assertThat(cluster.client.services().inNamespace(Cluster.NS)
        .withName(experiment + "-baseline").get()).as("a weighted template's Service")
        .isNotNull();

    cluster.awaitStep("weighed", 2, "Paused");
    cluster.eventually(() -> assertThat(weights("weighed")).isEqualTo(Map.of(
        "weighed-stable", 80, "weighed-canary", 20, "weighed-legacy", 0)));
    assertThat(experiment(experiment).getStatus().phase).isEqualTo("Successful");
  }

  private Rollout rollout(String yaml) {
    String manifest = "apiVersion: ramp.dev/v1alpha1\nkind: Rollout\n" + yaml;
    return cluster.client.getKubernetesSerialization().unmarshal(
        new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8)), Rollout.class);
  }

  private Experiment experiment(String name) {
    return cluster.client.resources(Experiment.class).inNamespace(Cluster.NS).withName(name)
        .get();
  }
}
