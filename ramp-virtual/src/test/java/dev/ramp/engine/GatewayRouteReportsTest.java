package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ramp.api.CanaryStep;
import dev.ramp.engine.RouterView.NotInEffect;
import dev.ramp.engine.RouterView.NotInEffect.Reason;
import org.junit.jupiter.api.Test;

/**
 * How the Gateway API router reads the reports of a route's parents in {@code status.parents}, as
 * gateways and meshes write them: defaults left out, fields Ramp does not know, several parents
 * and controllers, and fields of the wrong type.
 */
class GatewayRouteReportsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String ACCEPTED = """
      - {type: Accepted, status: "True", reason: Accepted, observedGeneration: 3}
      - {type: ResolvedRefs, status: "True", reason: ResolvedRefs, observedGeneration: 3}
      """;

  /** What the router reads from route "checkout" with these parentRefs and status. */
  private static NotInEffect read(String parentRefs, String status) {
    World world = World.routed(rollout("checkout", 4, "demo:v1", CanaryStep.weight(10)));
    try {
      ObjectNode route = (ObjectNode) YAML.readTree("""
          apiVersion: gateway.networking.k8s.io/v1
          kind: HTTPRoute
          metadata: {name: checkout, namespace: shop, generation: 3}
          spec:
            parentRefs: %s
            rules: [{backendRefs: [{name: checkout-stable, port: 80}], futureField: 1}]
          status: %s
          """.formatted(parentRefs, status));
      world.rollout.getMetadata().setNamespace("shop");
      world.objects.installCrd("httproutes.gateway.networking.k8s.io");
      world.objects.put(route);
      return world.router().notInEffect();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String parent(String parentRef, String controller, String conditions) {
    return "{parentRef: " + parentRef + ", controllerName: " + controller
        + ", futureField: x, conditions: [" + String.join(", ", conditions.strip().lines()
            .map(line -> line.substring(2)).toList()) + "]}";
  }

  @Test
  void everyParentAcceptingTheCurrentGenerationIsInEffect() {
    assertThat(read("[{name: public}, {group: \"\", kind: Service, name: checkout, port: 80}]",
        "{parents: [" + parent("{name: public}", "example.com/gw", ACCEPTED) + ", "
            + parent("{group: core, kind: Service, name: checkout, port: 80}", "linkerd.io/x",
                ACCEPTED) + "]}")).isNull();
  }

  @Test
  void oneParentRejectingTheRouteIsNamedWithItsMessage() {
    String rejected = """
        - {type: Accepted, status: "True", observedGeneration: 3}
        - {type: ResolvedRefs, status: "False", reason: BackendNotFound, message: "Service \\"admin\\" not found", observedGeneration: 3}
        """;
    assertThat(read("[{name: public}, {name: internal, namespace: infra}]",
        "{parents: [" + parent("{name: public}", "a", ACCEPTED) + ", "
            + parent("{name: internal, namespace: infra}", "a", rejected) + "]}"))
        .isEqualTo(new NotInEffect(Reason.REFUSED, "HTTPRoute \"checkout\": Gateway"
            + " \"infra/internal\" cannot resolve its backendRefs: Service \"admin\" not found"));
  }

  @Test
  void aRejectionWithoutAMessageIsNamedByItsReason() {
    String rejected = """
        - {type: Accepted, status: "False", reason: NotAllowedByListeners, observedGeneration: 3}
        """;
    assertThat(read("[{name: public}]", "{parents: [" + parent("{name: public}", "a", rejected)
        + "]}")).isEqualTo(new NotInEffect(Reason.REFUSED,
            "HTTPRoute \"checkout\" is not accepted by Gateway \"public\": NotAllowedByListeners"));
  }

  @Test
  void aParentWithoutAReportOrWithAnOlderOneIsWaitedFor() {
    assertThat(read("[{name: public, sectionName: https}]",
        "{parents: [" + parent("{name: public, sectionName: http}", "a", ACCEPTED) + "]}"))
        .isEqualTo(new NotInEffect(Reason.UNANSWERED,
            "waiting for Gateway \"public\" to accept HTTPRoute \"checkout\""));
    assertThat(read("[{name: public}]", "{parents: [" + parent("{name: public}", "a",
        ACCEPTED.replace("observedGeneration: 3", "observedGeneration: 2")) + "]}"))
        .isEqualTo(new NotInEffect(Reason.CATCHING_UP,
            "waiting for Gateway \"public\" to accept generation 3 of HTTPRoute \"checkout\""));
  }

  @Test
  void statusFieldsOfTheWrongTypeAreNoReportRatherThanAFailure() {
    assertThat(read("[{name: public}]", "{parents: {name: public}}")).isEqualTo(
        new NotInEffect(Reason.UNANSWERED,
            "waiting for Gateway \"public\" to accept HTTPRoute \"checkout\""));
    assertThat(read("[{name: public}]", "{parents: [{parentRef: {name: public},"
        + " conditions: \"Accepted\"}]}")).extracting(NotInEffect::refused).isEqualTo(false);
  }

  @Test
  void aRouteWithoutParentRefsOrStatusHasNothingToWaitFor() {
    assertThat(read("null", "null")).isNull();
    assertThat(read("[]", "{}")).isNull();
  }
}
