package dev.ramp.cluster.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ramp.engine.RouterView.NotInEffect;
import dev.ramp.engine.RouterView.NotInEffect.Reason;
import org.junit.jupiter.api.Test;

/** How the Gloo Edge router reads the status Gloo writes on a RouteTable, old and new. */
class GlooRouteTableStatusTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static NotInEffect read(String status) {
    try {
      return GlooRouteTableStatus.of((ObjectNode) YAML.readTree("""
          apiVersion: gateway.solo.io/v1
          kind: RouteTable
          metadata: {name: shop, namespace: default}
          spec: {routes: []}
          status: %s
          """.formatted(status)));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void aRejectedRouteTableIsRefusedWithGloosReason() {
    NotInEffect rejected = new NotInEffect(Reason.REFUSED, "RouteTable \"shop\" is rejected by"
        + " Gloo: route has no destination");
    assertThat(read("{statuses: {gloo-system: {state: Rejected, reportedBy: gateway,"
        + " reason: route has no destination, futureField: 1}}}")).isEqualTo(rejected);
    assertThat(read("{state: 2, reason: route has no destination}")).isEqualTo(rejected);
    assertThat(read("{statuses: {gloo-system: {state: Rejected}}}")).isEqualTo(
        new NotInEffect(Reason.REFUSED, "RouteTable \"shop\" is rejected by Gloo: no reason"
            + " given"));
  }

  @Test
  void anAcceptedPendingOrMissingStatusIsNoRejection() {
    assertThat(read("{statuses: {gloo-system: {state: Accepted, reportedBy: gateway}}}"))
        .isNull();
    assertThat(read("{statuses: {gloo-system: {state: Warning, reason: unused}}}")).isNull();
    assertThat(read("{state: 1}")).isNull();
    assertThat(read("{statuses: {gloo-system: {state: Pending}}}")).isNull();
    assertThat(read("null")).isNull();
    assertThat(read("{statuses: [Rejected]}")).isNull();
  }
}
