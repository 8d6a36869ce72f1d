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
 * How the Contour router reads the status Contour writes on an HTTPProxy: with conditions (1.13
 * and later) or only {@code currentStatus} (older), most fields left out, fields Ramp does not
 * know, and fields of the wrong type.
 */
class ContourProxyStatusTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** What the router reads from HTTPProxy "web", generation 4, with this status. */
  private static NotInEffect read(String status) {
    try {
      return ContourProxyStatus.of((ObjectNode) YAML.readTree("""
          apiVersion: projectcontour.io/v1
          kind: HTTPProxy
          metadata: {name: web, namespace: shop, generation: 4}
          spec:
            routes: [{services: [{name: web-stable, port: 80}]}]
          status: %s
          """.formatted(status)));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void aValidConditionForTheCurrentGenerationIsInEffect() {
    assertThat(read("""
        {currentStatus: valid, description: Valid HTTPProxy, loadBalancer: {},
         conditions: [{type: Valid, status: "True", observedGeneration: 4, reason: Valid,
                       futureField: 1}]}
        """)).isNull();
  }

  @Test
  void anInvalidProxyIsRefusedWithContoursErrors() {
    assertThat(read("""
        {currentStatus: invalid, description: "At least one error present, see Errors for details",
         conditions: [{type: Valid, status: "False", observedGeneration: 4, reason: ErrorPresent,
           errors: [{type: ServiceError, reason: ServiceUnresolvedReference,
                     message: "Spec.Routes unresolved service reference: service \\"shop/web-canary\\" not found"},
                    {type: RouteError, reason: ConflictingRoute}]}]}
        """)).isEqualTo(new NotInEffect(Reason.REFUSED, "HTTPProxy \"web\" is invalid in"
            + " Contour: Spec.Routes unresolved service reference: service \"shop/web-canary\""
            + " not found; ConflictingRoute"));
  }

  @Test
  void anOlderContourSaysOnlyCurrentStatusAndDescription() {
    assertThat(read("{currentStatus: valid}")).isNull();
    assertThat(read("{currentStatus: orphaned, description: this HTTPProxy is not part of a"
        + " delegation chain from a root HTTPProxy}")).isEqualTo(new NotInEffect(Reason.REFUSED,
            "HTTPProxy \"web\" is orphaned in Contour: this HTTPProxy is not part of a"
                + " delegation chain from a root HTTPProxy"));
    assertThat(read("{currentStatus: invalid}")).isEqualTo(new NotInEffect(Reason.REFUSED,
        "HTTPProxy \"web\" is invalid in Contour: no reason given"));
  }

  @Test
  void aConditionForAnOlderGenerationIsWaitedForWithoutSayingSo() {
    NotInEffect older = read("{currentStatus: invalid, conditions: [{type: Valid,"
        + " status: \"False\", observedGeneration: 3}]}");
    assertThat(older).isEqualTo(new NotInEffect(Reason.CATCHING_UP,
        "waiting for Contour to take up generation 4 of HTTPProxy \"web\""));
    assertThat(older.shown()).isFalse();
  }

  @Test
  void noStatusYetIsWaitedForAndSaidSo() {
    NotInEffect unanswered = new NotInEffect(Reason.UNANSWERED,
        "waiting for Contour to take up HTTPProxy \"web\"");
    assertThat(read("null")).isEqualTo(unanswered);
    assertThat(read("{loadBalancer: {}}")).isEqualTo(unanswered);
    assertThat(unanswered.shown()).isTrue();
  }

  @Test
  void conditionsOfTheWrongTypeAreNoConditions() {
    assertThat(read("{currentStatus: valid, conditions: Valid}")).isNull();
  }
}
