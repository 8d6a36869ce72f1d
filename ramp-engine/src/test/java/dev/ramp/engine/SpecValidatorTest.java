package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.rollout;
import static dev.ramp.engine.Fixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.RolloutSpec;
import dev.ramp.api.SetCanaryScale;
import dev.ramp.api.WorkloadRef;
import dev.ramp.api.routing.GatewayApiRouting;
import dev.ramp.api.routing.HeaderMatch;
import dev.ramp.api.routing.NginxRouting;
import dev.ramp.api.routing.SetHeaderRoute;
import dev.ramp.api.routing.SetMirrorRoute;
import dev.ramp.api.routing.SmiRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.engine.spec.SpecValidator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {
  private static final String SCALE_WITHOUT_ROUTER = "spec.strategy.canary.steps[%d]:"
      + " setCanaryScale needs a traffic router (spec.strategy.canary.trafficRouting): without"
      + " one the canary's share of the pods is its weight, so use setWeight";

  private static RolloutSpec valid() {
    return rollout("checkout", 3, "demo:v1", CanaryStep.weight(10), CanaryStep.pause("1m"))
        .getSpec();
  }

  @Test
  void aGoodSpecHasNoProblems() {
    assertThat(SpecValidator.check(valid())).isEmpty();
  }

  @Test
  void aSelectorThatDoesNotMatchTheTemplateIsNamed() {
    RolloutSpec spec = valid();
    spec.selector = new LabelSelectorBuilder().addToMatchLabels("app", "payments").build();
    assertThat(SpecValidator.check(spec)).containsExactly(
        "spec.selector \"app=payments\" does not match the labels of spec.template {app=checkout}");
  }

  @Test
  void templateAndWorkloadRefAreExclusiveAndOneIsNeeded() {
    RolloutSpec both = valid();
    both.workloadRef = new WorkloadRef("apps/v1", "Deployment", "checkout");
    assertThat(SpecValidator.check(both)).contains(
        "spec.template and spec.workloadRef are mutually exclusive: set one of them");

    RolloutSpec neither = valid();
    neither.template = null;
    assertThat(SpecValidator.check(neither)).contains(
        "spec.template or spec.workloadRef is required");
  }

  @Test
  void aTcpRouteCarriesWeightsOnlyAndGatewayApiNamesOneRoute() {
    RolloutSpec spec = valid();
    var canary = spec.strategy.canary;
    canary.stableService = "checkout-stable";
    canary.canaryService = "checkout-canary";
    canary.trafficRouting = new TrafficRouting();
    canary.trafficRouting.gatewayAPI = new GatewayApiRouting();
    canary.trafficRouting.gatewayAPI.tcpRoute = "checkout";
    SetHeaderRoute header = new SetHeaderRoute();
    header.name = "beta";
    header.match = List.of(new HeaderMatch("x-beta", "1"));
    SetMirrorRoute mirror = new SetMirrorRoute();
    mirror.name = "shadow";
    mirror.percentage = 10;
    canary.steps = List.of(CanaryStep.weight(10), new CanaryStep(), new CanaryStep());
    canary.steps.get(1).setHeaderRoute = header;
    canary.steps.get(2).setMirrorRoute = mirror;
    assertThat(SpecValidator.check(spec)).containsExactly(
        "spec.strategy.canary.steps[1]: Gateway API TCPRoute cannot route by header"
            + " (setHeaderRoute)",
        "spec.strategy.canary.steps[2]: Gateway API TCPRoute cannot mirror traffic"
            + " (setMirrorRoute)");

    canary.trafficRouting.gatewayAPI.grpcRoute = "checkout";
    assertThat(SpecValidator.check(spec)).containsExactly("spec.strategy.canary.trafficRouting"
        + ".gatewayAPI must set exactly one of httpRoute, grpcRoute, tcpRoute");

    canary.trafficRouting.gatewayAPI.tcpRoute = null;
    assertThat(SpecValidator.check(spec)).as("a GRPCRoute matches headers and mirrors").isEmpty();
  }

  @Test
  void withSeveralRoutersEveryStepMustSuitEachOfThem() {
    RolloutSpec spec = valid();
    var canary = spec.strategy.canary;
    canary.stableService = "checkout-stable";
    canary.canaryService = "checkout-canary";
    canary.trafficRouting = new TrafficRouting();
    canary.trafficRouting.nginx = new NginxRouting();
    canary.trafficRouting.nginx.stableIngress = "checkout";
    canary.trafficRouting.smi = new SmiRouting();
    canary.trafficRouting.smi.rootService = "checkout";
    canary.trafficRouting.smi.trafficSplitName = "checkout";
    SetHeaderRoute header = new SetHeaderRoute();
    header.name = "beta";
    header.match = List.of(new HeaderMatch("x-beta", "1"));
    canary.steps = List.of(CanaryStep.weight(10), new CanaryStep());
    canary.steps.get(1).setHeaderRoute = header;

    assertThat(SpecValidator.check(spec)).as("NGINX can, SMI cannot").containsExactly(
        "spec.strategy.canary.steps[1]: SMI cannot route by header (setHeaderRoute)");

    canary.steps = List.of(CanaryStep.weight(10));
    assertThat(SpecValidator.check(spec)).as("both carry weights").isEmpty();
    canary.stableService = null;
    assertThat(SpecValidator.check(spec)).containsExactly("spec.strategy.canary: NGINX Ingress"
        + " and SMI routing needs stableService and canaryService");
    canary.trafficRouting = new TrafficRouting();
    canary.stableService = "checkout-stable";
    assertThat(SpecValidator.check(spec)).singleElement().asString().startsWith(
        "spec.strategy.canary.trafficRouting must set a router: gatewayAPI, istio, nginx, smi");
  }

  @Test
  void badStepsAreReportedWithTheirIndex() {
    RolloutSpec spec = valid();
    CanaryStep twoKinds = CanaryStep.weight(10);
    twoKinds.pause = new dev.ramp.api.PauseStep("10s");
    spec.strategy.canary.steps = java.util.List.of(CanaryStep.weight(120),
        CanaryStep.pause("soon"), twoKinds, new CanaryStep(),
        CanaryStep.scale(new SetCanaryScale()));
    assertThat(SpecValidator.check(spec)).containsExactly(
        "spec.strategy.canary.steps[0].setWeight must be between 0 and 100 (is 120)",
        "spec.strategy.canary.steps[1].pause.duration: \"soon\" is not a duration"
            + " (write 30, 30s, 5m or 1h30m)",
        "spec.strategy.canary.steps[2] must set exactly one of setWeight, pause, setCanaryScale,"
            + " analysis, experiment, awaitAcceptance, gate, setHeaderRoute, setMirrorRoute;"
            + " setCanaryScale"
            + " may also go with setWeight, setHeaderRoute or setMirrorRoute",
        "spec.strategy.canary.steps[3] must set exactly one of setWeight, pause, setCanaryScale,"
            + " analysis, experiment, awaitAcceptance, gate, setHeaderRoute, setMirrorRoute;"
            + " setCanaryScale"
            + " may also go with setWeight, setHeaderRoute or setMirrorRoute",
        "spec.strategy.canary.steps[4].setCanaryScale must set exactly one of replicas, weight,"
            + " matchTrafficWeight",
        SCALE_WITHOUT_ROUTER.formatted(4));
  }

  @Test
  void setCanaryScaleNeedsATrafficRouter() {
    RolloutSpec spec = valid();
    spec.strategy.canary.steps = java.util.List.of(CanaryStep.weight(25),
        CanaryStep.scale(SetCanaryScale.replicas(2)));
    assertThat(SpecValidator.check(spec)).containsExactly(SCALE_WITHOUT_ROUTER.formatted(1));

    spec.strategy.canary.stableService = "checkout-stable";
    spec.strategy.canary.canaryService = "checkout-canary";
    spec.strategy.canary.trafficRouting = new TrafficRouting();
    spec.strategy.canary.trafficRouting.gatewayAPI = new GatewayApiRouting();
    spec.strategy.canary.trafficRouting.gatewayAPI.httpRoute = "checkout";
    assertThat(SpecValidator.check(spec)).isEmpty();
  }

  @Test
  void surgeAndUnavailabilityMustBeReadableAndNotBothZero() {
    RolloutSpec spec = valid();
    spec.strategy.canary.maxSurge = new IntOrString(0);
    spec.strategy.canary.maxUnavailable = new IntOrString("0%");
    assertThat(SpecValidator.check(spec)).containsExactly(
        "spec.strategy.canary: maxSurge and maxUnavailable cannot both be 0");
    spec.strategy.canary.maxSurge = new IntOrString("lots");
    assertThat(SpecValidator.check(spec)).containsExactly(
        "spec.strategy.canary.maxSurge: \"lots\" is not a number or a percentage");
  }

  @Test
  void negativeReplicasNoStrategyAndNoContainersAreReported() {
    RolloutSpec spec = valid();
    spec.replicas = -1;
    spec.strategy = null;
    spec.template = template("checkout", "x");
    spec.template.getSpec().setContainers(java.util.List.of());
    assertThat(SpecValidator.check(spec)).containsExactly(
        "spec.replicas must not be negative (is -1)",
        "spec.template has no containers",
        "spec.strategy must set exactly one of canary, blueGreen");
  }

  /** A template as a person writes it (JSON here, YAML in a manifest), unknown fields and all. */
  private static RolloutSpec withTemplate(String podSpec) {
    RolloutSpec spec = valid();
    try {
      spec.template = new ObjectMapper().readValue("{\"metadata\": {\"labels\": {\"app\":"
          + " \"checkout\"}}, \"spec\": " + podSpec + "}", PodTemplateSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
    return spec;
  }

  @Test
  void quantitiesPortsAndLabelsThatKubernetesAcceptsPass() {
    RolloutSpec spec = withTemplate("""
        {"containers": [{"name": "app", "image": "demo:v1", "someNewField": true,
          "resources": {"requests": {"memory": "128Mi", "cpu": "500m"},
                        "limits": {"memory": "1e9", "cpu": 2, "nvidia.com/gpu": "1"}},
          "readinessProbe": {"httpGet": {"path": "/ready", "port": "http"}},
          "livenessProbe": {"tcpSocket": {"port": 8080}}}],
         "volumes": [{"name": "scratch", "emptyDir": {"sizeLimit": "0.5Gi"}}]}""");
    spec.template.getMetadata().getLabels().put("app.kubernetes.io/version", "v1.2_3");
    assertThat(SpecValidator.check(spec)).isEmpty();
  }

  @Test
  void everyQuantityOfThePodTemplateIsChecked() {
    RolloutSpec spec = withTemplate("""
        {"containers": [{"name": "app", "image": "demo:v1",
          "resources": {"requests": {"memory": "invalid"}, "limits": {"cpu": "2 cores"}},
          "env": [{"name": "MEM", "valueFrom": {"resourceFieldRef": {"resource": "limits.memory",
            "divisor": "1MB"}}}]}],
         "initContainers": [{"name": "init", "image": "demo:v1",
          "resources": {"limits": {"nvidia.com/gpu": "one"}}}],
         "volumes": [{"name": "scratch", "emptyDir": {"sizeLimit": "Gi"}}],
         "overhead": {"cpu": "1.5.5"}}""");
    assertThat(SpecValidator.check(spec)).containsExactly(
        "spec.template.spec.containers[0].env[0].valueFrom.resourceFieldRef.divisor: \"1MB\""
            + " is not a quantity (such as 500m, 128Mi, 2)",
        "spec.template.spec.containers[0].resources.limits.cpu: \"2 cores\" is not a quantity"
            + " (such as 500m, 128Mi, 2)",
        "spec.template.spec.containers[0].resources.requests.memory: \"invalid\" is not a"
            + " quantity (such as 500m, 128Mi, 2)",
        "spec.template.spec.initContainers[0].resources.limits[\"nvidia.com/gpu\"]: \"one\" is"
            + " not a quantity (such as 500m, 128Mi, 2)",
        "spec.template.spec.overhead.cpu: \"1.5.5\" is not a quantity (such as 500m, 128Mi, 2)",
        "spec.template.spec.volumes[0].emptyDir.sizeLimit: \"Gi\" is not a quantity (such as"
            + " 500m, 128Mi, 2)");
  }

  @Test
  void thePortsOfProbesAndHooksAreNumbersOrNames() {
    RolloutSpec spec = withTemplate("""
        {"containers": [{"name": "app", "image": "demo:v1",
          "readinessProbe": {"httpGet": {"port": "http port"}},
          "livenessProbe": {"tcpSocket": {"port": 70000}},
          "lifecycle": {"preStop": {"httpGet": {"port": "8080"}}}}]}""");
    assertThat(SpecValidator.check(spec)).containsExactly(
        "spec.template.spec.containers[0].lifecycle.preStop.httpGet.port: \"8080\" is not a port"
            + " number or name (a name has at most 15 lower-case letters, digits and '-', and at"
            + " least one letter)",
        "spec.template.spec.containers[0].livenessProbe.tcpSocket.port: 70000 is not a port"
            + " number (1 to 65535)",
        "spec.template.spec.containers[0].readinessProbe.httpGet.port: \"http port\" is not a"
            + " port number or name (a name has at most 15 lower-case letters, digits and '-', and"
            + " at least one letter)");
  }

  @Test
  void labelAndAnnotationKeysAndValuesFollowKubernetesSyntax() {
    RolloutSpec spec = valid();
    spec.template.getMetadata().getLabels().put("app", "check out");
    spec.template.getMetadata().getLabels().put("-tier", "web");
    spec.template.getMetadata().setAnnotations(java.util.Map.of("notes", "x".repeat(300_000)));
    spec.selector.getMatchLabels().put("app", "check out");
    assertThat(SpecValidator.check(spec)).containsExactlyInAnyOrder(
        "spec.template.metadata.labels: \"-tier\" is not a valid key (an optional DNS subdomain"
            + " prefix and '/', then 63 characters or less: letters, digits, '-', '_' or '.',"
            + " beginning and ending with a letter or digit)",
        "spec.template.metadata.labels.app: \"check out\" is not a valid label value (63"
            + " characters or less: letters, digits, '-', '_' or '.', beginning and ending with a"
            + " letter or digit)",
        "spec.template.metadata.annotations: 300005 bytes in all, more than the 262144"
            + " Kubernetes allows",
        "spec.selector.matchLabels.app: \"check out\" is not a valid label value (63 characters"
            + " or less: letters, digits, '-', '_' or '.', beginning and ending with a letter or"
            + " digit)");
  }
}
