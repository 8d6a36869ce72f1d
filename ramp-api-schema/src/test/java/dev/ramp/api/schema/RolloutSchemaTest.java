package dev.ramp.api.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ramp.api.schema.CrdSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated Rollout CRD refuses nonsense the way the API server applies it. */
class RolloutSchemaTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final CrdSchema SCHEMA = load();

  private static CrdSchema load() {
    try (InputStream in = RolloutSchemaTest.class.getResourceAsStream(
        "/META-INF/fabric8/rollouts.ramp.dev-v1.yml")) {
      return CrdSchema.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> validate(String spec) throws IOException {
    JsonNode rollout = YAML.readTree("apiVersion: ramp.dev/v1alpha1\nkind: Rollout\n"
        + "metadata: {name: checkout}\nspec:\n" + spec.indent(2));
    return SCHEMA.validate(rollout);
  }

  private static final String TEMPLATE = """
      template:
        metadata: {labels: {app: checkout}}
        spec:
          containers: [{name: app, image: demo:v1, resources: {limits: {cpu: 500m}}}]
          someFieldOfANewerKubernetes: true
      """;

  @Test
  void aGoodRolloutIsAccepted() throws IOException {
    assertThat(validate("""
        replicas: 3
        selector: {matchLabels: {app: checkout}}
        """ + TEMPLATE + """
        strategy:
          canary:
            maxSurge: 25%
            maxUnavailable: 0
            steps:
              - setWeight: 10
              - pause: {duration: 30s}
              - pause: {}
              - setCanaryScale: {replicas: 2}
        """)).isEmpty();
  }

  @Test
  void weightsOutsideZeroToHundredAreRefused() throws IOException {
    assertThat(validate(TEMPLATE + """
        strategy: {canary: {steps: [{setWeight: 120}]}}
        """)).containsExactly("spec.strategy.canary: Invalid value: object: setWeight must be at"
        + " most 100, or trafficRouting.maxTrafficWeight when set");
    assertThat(validate(TEMPLATE + """
        strategy: {canary: {steps: [{setWeight: -1}, {setCanaryScale: {weight: -5}}]}}
        """)).containsExactly(
        "spec.strategy.canary.steps[0].setWeight: Invalid value: -1: should be greater than or"
            + " equal to 0",
        "spec.strategy.canary.steps[1].setCanaryScale.weight: Invalid value: -5: should be"
            + " greater than or equal to 0");
  }

  @Test
  void weightsUpToMaxTrafficWeightAreAccepted() throws IOException {
    String canary = TEMPLATE + "strategy: {canary: {stableService: s, canaryService: c,"
        + " trafficRouting: {maxTrafficWeight: 1000, nginx: {stableIngress: web}},"
        + " steps: [{setWeight: %d}]}}\n";
    assertThat(validate(canary.formatted(1000))).isEmpty();
    assertThat(validate(canary.formatted(1001))).containsExactly("spec.strategy.canary:"
        + " Invalid value: object: setWeight must be at most 100, or"
        + " trafficRouting.maxTrafficWeight when set");
  }

  @Test
  void negativeReplicasAreRefused() throws IOException {
    assertThat(validate("replicas: -1\n" + TEMPLATE + "strategy: {canary: {}}\n"))
        .containsExactly(
            "spec.replicas: Invalid value: -1: should be greater than or equal to 0");
  }

  @Test
  void templateAndWorkloadRefTogetherOrNeitherAreRefused() throws IOException {
    assertThat(validate(TEMPLATE + """
        workloadRef: {apiVersion: apps/v1, kind: Deployment, name: checkout}
        strategy: {canary: {}}
        """)).containsExactly("spec: Invalid value: object: template and workloadRef are"
        + " mutually exclusive: set one of them");
    assertThat(validate("replicas: 1\nstrategy: {canary: {}}\n")).containsExactly(
        "spec: Invalid value: object: a pod template is required: set template or workloadRef");
  }

  @Test
  void aRolloutWithoutStrategyIsRefused() throws IOException {
    assertThat(validate(TEMPLATE)).containsExactly("spec.strategy: Required value");
    assertThat(validate(TEMPLATE + "strategy: {}\n")).containsExactly("spec.strategy:"
        + " Invalid value: object: strategy must set exactly one of canary, blueGreen");
    assertThat(validate(TEMPLATE + "strategy: {canary: {}, blueGreen: {activeService: a}}\n"))
        .containsExactly("spec.strategy: Invalid value: object: strategy must set exactly one of"
            + " canary, blueGreen");
  }

  @Test
  void aGatewayApiRouterNamesExactlyOneRoute() throws IOException {
    String canary = TEMPLATE + "strategy: {canary: {stableService: s, canaryService: c,"
        + " trafficRouting: {gatewayAPI: %s}}}\n";
    assertThat(validate(canary.formatted("{grpcRoute: checkout}"))).isEmpty();
    assertThat(validate(canary.formatted("{tcpRoute: checkout, rules: [db]}"))).isEmpty();
    String oneRoute = "spec.strategy.canary.trafficRouting.gatewayAPI: Invalid value: object:"
        + " gatewayAPI must set exactly one of httpRoute, grpcRoute, tcpRoute";
    assertThat(validate(canary.formatted("{httpRoute: web, tcpRoute: db}")))
        .containsExactly(oneRoute);
    assertThat(validate(canary.formatted("{namespace: edge}"))).containsExactly(oneRoute);
  }

  @Test
  void aBlueGreenStrategyNeedsAnActiveServiceDistinctFromThePreview() throws IOException {
    assertThat(validate(TEMPLATE + "strategy: {blueGreen: {activeService: web}}\n")).isEmpty();
    assertThat(validate(TEMPLATE + "strategy: {blueGreen: {previewService: web}}\n"))
        .containsExactly("spec.strategy.blueGreen.activeService: Required value");
    assertThat(validate(TEMPLATE
        + "strategy: {blueGreen: {activeService: web, previewService: web}}\n"))
        .containsExactly("spec.strategy.blueGreen: Invalid value: object: activeService and"
            + " previewService must be different Services");
    assertThat(validate(TEMPLATE
        + "strategy: {blueGreen: {activeService: web, previewReplicaCount: 0}}\n"))
        .containsExactly("spec.strategy.blueGreen.previewReplicaCount: Invalid value: 0:"
            + " should be greater than or equal to 1");
  }

  @Test
  void anUnknownStepTypeIsRefused() throws IOException {
    assertThat(validate(TEMPLATE + "strategy: {canary: {steps: [{setWieght: 10}]}}\n"))
        .containsExactly("spec.strategy.canary.steps[0].setWieght: Unsupported value: unknown"
            + " field \"setWieght\"");
    assertThat(validate(TEMPLATE + "strategy: {canary: {steps: [{}]}}\n"))
        .containsExactly("spec.strategy.canary.steps[0]: Invalid value: object: each step must"
            + " set exactly one of setWeight, pause, setCanaryScale, analysis, experiment,"
            + " awaitAcceptance, gate,"
            + " setHeaderRoute, setMirrorRoute; setCanaryScale may also go with setWeight,"
            + " setHeaderRoute or setMirrorRoute");
    assertThat(validate(TEMPLATE
        + "strategy: {canary: {steps: [{setWeight: 5, pause: {}}]}}\n"))
        .containsExactly("spec.strategy.canary.steps[0]: Invalid value: object: each step must"
            + " set exactly one of setWeight, pause, setCanaryScale, analysis, experiment,"
            + " awaitAcceptance, gate,"
            + " setHeaderRoute, setMirrorRoute; setCanaryScale may also go with setWeight,"
            + " setHeaderRoute or setMirrorRoute");
  }

  @Test
  void wrongTypesAreRefused() throws IOException {
    assertThat(validate("replicas: three\n" + TEMPLATE + "strategy: {canary: {}}\n"))
        .containsExactly("spec.replicas: Invalid value: \"three\": must be of type integer");
  }

  @Test
  void theSameServiceForStableAndCanaryIsRefused() throws IOException {
    assertThat(validate(TEMPLATE
        + "strategy: {canary: {stableService: web, canaryService: web}}\n"))
        .containsExactly("spec.strategy.canary: Invalid value: object: stableService and"
            + " canaryService must be different Services");
  }
}
