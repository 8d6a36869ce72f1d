package dev.ramp.cluster.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ramp.engine.RouterView.NotInEffect;
import dev.ramp.engine.RouterView.NotInEffect.Reason;
import org.junit.jupiter.api.Test;

/**
 * How the APISIX router reads the status the APISIX ingress controller writes on an ApisixRoute
 * (1.x: ResourcesAvailable; 2.x: Accepted), with most fields left out and fields Ramp does not
 * know.
 */
class ApisixRouteStatusTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** What the router reads from ApisixRoute "shop", generation 2, with this status. */
  private static NotInEffect read(String status) {
    try {
      return ApisixRouteStatus.of((ObjectNode) YAML.readTree("""
          apiVersion: apisix.apache.org/v2
          kind: ApisixRoute
          metadata: {name: shop, namespace: default, generation: 2}
          spec:
            http: [{name: main, backends: [{serviceName: shop-stable, servicePort: 80}]}]
          status: %s
          """.formatted(status)));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void aSyncedRouteOfTheCurrentGenerationIsInEffect() {
    assertThat(read("{conditions: [{type: ResourcesAvailable, status: \"True\","
        + " reason: ResourcesSynced, message: Sync Successfully, observedGeneration: 2,"
        + " futureField: x}]}")).isNull();
    assertThat(read("{conditions: [{type: Accepted, status: \"True\"}]}")).isNull();
  }

  @Test
  void anAbortedSyncIsRefusedWithTheControllersMessage() {
    assertThat(read("{conditions: [{type: ResourcesAvailable, status: \"False\","
        + " reason: ResourceSyncAborted, message: \"service \\\"default/shop-canary\\\" not found\","
        + " observedGeneration: 2}]}")).isEqualTo(new NotInEffect(Reason.REFUSED,
            "ApisixRoute \"shop\" is not synced to APISIX: service \"default/shop-canary\""
                + " not found"));
    assertThat(read("{conditions: [{type: ResourcesAvailable, status: \"False\","
        + " reason: ResourceSyncAborted}]}")).isEqualTo(new NotInEffect(Reason.REFUSED,
            "ApisixRoute \"shop\" is not synced to APISIX: ResourceSyncAborted"));
  }

  @Test
  void anOlderGenerationOrNoStatusIsWaitedFor() {
    assertThat(read("{conditions: [{type: ResourcesAvailable, status: \"True\","
        + " observedGeneration: 1}]}")).isEqualTo(new NotInEffect(Reason.CATCHING_UP,
            "waiting for APISIX to take up generation 2 of ApisixRoute \"shop\""));
    assertThat(read("null")).isEqualTo(new NotInEffect(Reason.UNANSWERED,
        "waiting for APISIX to take up ApisixRoute \"shop\""));
    assertThat(read("{conditions: ResourcesAvailable}")).isEqualTo(new NotInEffect(
        Reason.UNANSWERED, "waiting for APISIX to take up ApisixRoute \"shop\""));
  }
}
