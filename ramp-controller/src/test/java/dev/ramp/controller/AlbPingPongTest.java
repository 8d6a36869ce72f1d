package dev.ramp.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ramp.api.RampLabels;
import dev.ramp.api.Rollout;
import dev.ramp.controller.badinput.Schemas;
import dev.ramp.engine.AlbActionWeights;
import dev.ramp.engine.RouterYaml;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Argo Rollouts' ping-pong Services behind an AWS ALB, through the real operator, with the
 * Rollout written as for Argo Rollouts (only its apiVersion changed): the Ingress' action weighs
 * the two Services, the canary's gets all the traffic at the end and becomes the stable one
 * (status.canary.stablePingPong), and the next release goes the other way.
 */
class AlbPingPongTest extends ClusterTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String ACTION = "alb.ingress.kubernetes.io/actions.pp-root";

  private final Schemas schemas = new Schemas();

  private Rollout argoRollout() {
    String manifest = """
        apiVersion: ramp.dev/v1alpha1
        kind: Rollout
        metadata: {name: pp, namespace: default}
        spec:
          replicas: 4
          selector: {matchLabels: {app: pp}}
          template:
            metadata: {labels: {app: pp}}
            spec: {containers: [{name: app, image: demo:v1}]}
          strategy:
            canary:
              pingPong:
                pingService: pp-ping
                pongService: pp-pong
              scaleDownDelaySeconds: 1
              trafficRouting:
                alb:
                  ingress: pp
                  rootService: pp-root
                  servicePort: 80
              steps:
              - setWeight: 20
              - pause: {}
        """;
    try {
      assertThat(schemas.problems(YAML.readTree(manifest))).as("the CRD schema's verdict")
          .isEmpty();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return new KubernetesSerialization().unmarshal(manifest, Rollout.class);
  }

  /** The weight the Ingress' action gives each Service, by name. */
  private Map<String, Integer> weights() {
    Ingress ingress = cluster.client.network().v1().ingresses().inNamespace(Cluster.NS)
        .withName("pp").get();
    return AlbActionWeights.of(ingress.getMetadata().getAnnotations().get(ACTION));
  }

  private static Map<String, Integer> split(int ping, int pong) {
    return Map.of("pp-ping", ping, "pp-pong", pong);
  }

  @Test
  void twoReleasesTakeTurnsAndTheStableServiceKeepsItsSelector() {
    cluster.createService("pp-ping", "pp");
    cluster.createService("pp-pong", "pp");
    RouterFixtures.create(cluster.client, RouterYaml.albIngress("pp", "pp-root"));
    // every selector each Service had, in order
    Map<String, List<String>> selectors = new ConcurrentHashMap<>();
    try (var watch = cluster.client.services().inNamespace(Cluster.NS).inform(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(Service service) {
            record(service);
          }

          @Override
          public void onUpdate(Service before,
              Service after) {
            record(after);
          }

          @Override
          public void onDelete(Service service, boolean gone) {}

          private void record(Service service) {
            String hash = service.getSpec().getSelector().get(RampLabels.POD_TEMPLATE_HASH);
            List<String> seen = selectors.computeIfAbsent(service.getMetadata().getName(),
                name -> Collections.synchronizedList(new ArrayList<>()));
            if (hash != null && (seen.isEmpty() || !seen.get(seen.size() - 1).equals(hash))) {
              seen.add(hash);
            }
          }
        })) {
      cluster.create(argoRollout());
      Rollout first = cluster.await("pp", "the first revision, all to ping",
          r -> "Healthy".equals(r.getStatus().phase) && split(100, 0).equals(weights()));
      String v1 = first.getStatus().stableRevision;
      assertThat(first.getStatus().canary.stablePingPong).isEqualTo("ping");

      cluster.setImage("pp", "demo:v2");
      Rollout paused = cluster.awaitStep("pp", 1, "Paused");
      String v2 = paused.getStatus().updatedRevision;
      assertThat(weights()).isEqualTo(split(80, 20));
      assertThat(cluster.pinnedHash("pp-ping")).isEqualTo(v1);
      assertThat(cluster.pinnedHash("pp-pong")).isEqualTo(v2);

      cluster.patchStatus("pp", "{\"status\":{\"pauseConditions\":null}}");
      Rollout promoted = cluster.await("pp", "pong stable with all the traffic",
          r -> "Healthy".equals(r.getStatus().phase) && v2.equals(r.getStatus().stableRevision)
              && split(0, 100).equals(weights()));
      assertThat(promoted.getStatus().canary.stablePingPong).isEqualTo("pong");
      assertThat(cluster.pinnedHash("pp-pong")).isEqualTo(v2);

      cluster.setImage("pp", "demo:v3");
      String v3 = cluster.awaitStep("pp", 1, "Paused").getStatus().updatedRevision;
      assertThat(weights()).as("ping carries the second canary").isEqualTo(split(20, 80));
      cluster.patchStatus("pp", "{\"status\":{\"pauseConditions\":null}}");
      Rollout second = cluster.await("pp", "ping stable again with all the traffic",
          r -> "Healthy".equals(r.getStatus().phase) && v3.equals(r.getStatus().stableRevision)
              && split(100, 0).equals(weights()));
      assertThat(second.getStatus().canary.stablePingPong).isEqualTo("ping");

      cluster.eventually(() -> {
        assertThat(selectors.get("pp-ping")).as("ping's selectors").containsExactly(v1, v2, v3);
        assertThat(selectors.get("pp-pong")).as("pong's selectors").containsExactly(v1, v2, v3);
      });
      assertThat(cluster.events("pp")).anySatisfy(e -> assertThat(e.getMessage())
          .contains("Service pp-pong is the stable one now, pp-ping carries the next canary"));
    }
  }
}
