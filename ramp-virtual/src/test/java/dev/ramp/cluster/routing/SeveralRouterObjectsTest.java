package dev.ramp.cluster.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.AmbassadorRouting;
import dev.ramp.api.routing.ContourRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.ObjectKey;
import dev.ramp.engine.Action;
import dev.ramp.engine.Fixtures;
import dev.ramp.virtual.InMemoryObjects;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Routers that set the weight in several objects (Contour's HTTPProxies, Emissary-ingress'
 * canary Mappings) see a hand edit of any but the first, so that Ramp sets the weight again in
 * all. (The first object's weight is the one they show: an edit of it alone is seen as the
 * weight, and put back when the next step sets one.)
 */
class SeveralRouterObjectsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final InMemoryObjects objects = new InMemoryObjects();
  private final Rollout rollout = Fixtures.rollout("app", 2, "demo:v1");

  SeveralRouterObjectsTest() {
    rollout.getSpec().strategy.canary.stableService = "app-stable";
    rollout.getSpec().strategy.canary.canaryService = "app-canary";
  }

  @Test
  void aWeightEditedByHandInALaterHttpProxyIsPutBack() throws Exception {
    objects.installCrd(RouterKind.HTTP_PROXY.crdName());
    for (String name : List.of("web", "api")) {
      objects.put((ObjectNode) JSON.readTree("""
          {"apiVersion": "projectcontour.io/v1", "kind": "HTTPProxy",
           "metadata": {"name": "%s", "namespace": "default"},
           "spec": {"routes": [{"services": [{"name": "app-stable", "port": 80}]}]}}
          """.formatted(name)));
    }
    rollout.getSpec().strategy.canary.trafficRouting = new TrafficRouting();
    rollout.getSpec().strategy.canary.trafficRouting.contour = new ContourRouting();
    rollout.getSpec().strategy.canary.trafficRouting.contour.httpProxies = List.of("web", "api");
    TrafficRouter router = TrafficRouters.of(objects, rollout).orElseThrow();
    router.apply(rollout, List.of(new Action.SetTrafficWeight(20, null, null)));

    ObjectKey key = new ObjectKey("projectcontour.io/v1", "HTTPProxy", "default", "api");
    ObjectNode proxy = objects.get(key);
    ((ObjectNode) proxy.at("/spec/routes/0/services/0")).put("weight", 10);
    ((ObjectNode) proxy.at("/spec/routes/0/services/1")).put("weight", 90);
    objects.put(proxy);

    assertThat(router.read(rollout).canaryWeight()).as("seen").isEqualTo(90);
    router.apply(rollout, List.of(new Action.SetTrafficWeight(20, null, null)));
    assertThat(objects.get(key).at("/spec/routes/0/services/1/weight").asInt()).isEqualTo(20);
    assertThat(router.read(rollout).canaryWeight()).isEqualTo(20);
  }

  @Test
  void aWeightEditedByHandInALaterCanaryMappingIsPutBack() throws Exception {
    objects.installCrd(RouterKind.MAPPING.crdName());
    for (String name : List.of("web", "api")) {
      objects.put((ObjectNode) JSON.readTree("""
          {"apiVersion": "getambassador.io/v3alpha1", "kind": "Mapping",
           "metadata": {"name": "%s", "namespace": "default"},
           "spec": {"prefix": "/%s/", "service": "app-stable"}}
          """.formatted(name, name)));
    }
    rollout.getSpec().strategy.canary.trafficRouting = new TrafficRouting();
    rollout.getSpec().strategy.canary.trafficRouting.ambassador = new AmbassadorRouting();
    rollout.getSpec().strategy.canary.trafficRouting.ambassador.mappings = List.of("web", "api");
    TrafficRouter router = TrafficRouters.of(objects, rollout).orElseThrow();
    router.apply(rollout, List.of(new Action.SetTrafficWeight(20, null, null)));

    ObjectKey key = new ObjectKey("getambassador.io/v3alpha1", "Mapping", "default",
        "api-canary");
    ObjectNode canary = objects.get(key);
    ((ObjectNode) canary.get("spec")).put("weight", 90);
    objects.put(canary);

    assertThat(router.read(rollout).canaryWeight()).as("seen").isEqualTo(90);
    router.apply(rollout, List.of(new Action.SetTrafficWeight(20, null, null)));
    assertThat(objects.get(key).at("/spec/weight").asInt()).isEqualTo(20);
    assertThat(router.read(rollout).canaryWeight()).isEqualTo(20);
  }
}
