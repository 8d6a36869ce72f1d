package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ramp.api.CanaryStep;
import dev.ramp.api.experiment.Experiment;
import dev.ramp.cluster.Kinds;
import dev.ramp.cluster.ObjectKey;
import dev.ramp.cluster.routing.RouterKind;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An experiment step's weighted templates on the rollout's HTTPRoute: a backendRef each, to the
 * template's Service, with its weight taken from the stable's share while the experiment runs
 * on ready pods; none before, none after.
 */
class ExperimentWeightsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * 10 pods routed by the HTTPRoute "checkout": 20%, a pause, then an experiment of 5 minutes
   * with three templates as users write them: a weighted one without a service, a weighted one
   * with one, and one with neither; then a pause.
   */
  private static World atThePauseBeforeTheExperiment() {
    World world = World.routed(rollout("checkout", 10, "demo:v1", CanaryStep.weight(20),
        CanaryStep.pause(null), step("""
            experiment:
              duration: 5m
              templates:
                - name: baseline
                  specRef: stable
                  weight: 10
                - name: canary
                  specRef: canary
                  replicas: 2
                  weight: 15
                  service: {}
                  someFieldRampDoesNotKnow: true
                - name: plain
                  specRef: canary
            """), CanaryStep.pause(null)));
    world.rollout.getSpec().template.getSpec().getContainers().get(0)
        .setPorts(List.of(new ContainerPortBuilder().withContainerPort(8080).build()));
    world.runUntilStable();
    world.setImage("demo:v2");
    world.runUntilStable();
    return world;
  }

  private static CanaryStep step(String yaml) {
    try {
      return YAML.readValue(yaml, CanaryStep.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The first rule's backendRefs, Service name to weight. */
  private static Map<String, Integer> backends(World world) {
    Map<String, Integer> weights = new LinkedHashMap<>();
    route(world).path("spec").path("rules").get(0).path("backendRefs").forEach(ref ->
        weights.put(ref.path("name").asText(), ref.path("weight").asInt(1)));
    return weights;
  }

  private static JsonNode route(World world) {
    return world.objects.get(new ObjectKey(RouterKind.HTTP_ROUTE.apiVersion(), "HTTPRoute",
        "default", "checkout"));
  }

  private static String experimentName(World world) {
    assertThat(world.experiments()).hasSize(1);
    return world.experiments().get(0).getMetadata().getName();
  }

  private static String phase(World world) {
    Experiment experiment = world.experiments().get(0);
    return experiment.getStatus() == null ? null : experiment.getStatus().phase;
  }

  /** At the experiment step, its pods taking a minute to become ready. */
  private static World atTheExperimentWithPodsStarting() {
    World world = atThePauseBeforeTheExperiment();
    world.advance(Duration.ofMinutes(10)); // the pods so far are older than the delay
    world.podReadyDelay = Duration.ofMinutes(1);
    world.promote();
    world.runUntilStable();
    assertThat(world.status().currentStepIndex).isEqualTo(2);
    return world;
  }

  @Test
  void beforeTheTemplatesPodsAreReadyTheRouteCarriesOnlyTheStableAndTheCanary() {
    World world = atTheExperimentWithPodsStarting();

    assertThat(phase(world)).isEqualTo("Pending");
    String experiment = experimentName(world);
    assertThat(world.service(experiment + "-baseline")).as("a weighted template's Service")
        .isNotNull();
    assertThat(world.service(experiment + "-canary")).isNotNull();
    assertThat(world.service(experiment + "-plain")).as("no weight, no service: none")
        .isNull();
    assertThat(backends(world)).containsExactly(Map.entry("checkout-stable", 80),
        Map.entry("checkout-canary", 20));
    assertThat(world.router().extraWeights()).isEmpty();
  }

  @Test
  void whileTheExperimentRunsEachWeightedTemplateHasItsShareTakenFromTheStable() {
    World world = atTheExperimentWithPodsStarting();
    world.advance(Duration.ofMinutes(1));
    world.runUntilStable();

    assertThat(phase(world)).isEqualTo("Running");
    String experiment = experimentName(world);
    assertThat(backends(world)).containsExactly(Map.entry("checkout-stable", 55),
        Map.entry("checkout-canary", 20), Map.entry(experiment + "-baseline", 10),
        Map.entry(experiment + "-canary", 15));
    assertThat(world.router().extraWeights()).containsOnly(
        Map.entry(experiment + "-baseline", 10), Map.entry(experiment + "-canary", 15));
    assertThat(world.router().canaryWeight()).isEqualTo(20);
    assertThat(world.status().currentStepIndex).isEqualTo(2);
  }

  @Test
  void whenTheExperimentSucceedsItsBackendsLeaveTheRouteAndTheRolloutMovesOn() {
    World world = atTheExperimentWithPodsStarting();
    world.advance(Duration.ofMinutes(1));
    world.runUntilStable();
    world.advance(Duration.ofMinutes(5));
    world.runUntilStable();

    assertThat(phase(world)).isEqualTo("Successful");
    assertThat(world.status().currentStepIndex).isEqualTo(3);
    assertThat(backends(world)).containsExactly(Map.entry("checkout-stable", 80),
        Map.entry("checkout-canary", 20));
    assertThat(world.router().extraWeights()).isEmpty();
    assertThat(route(world).path("metadata").path("annotations").has(
        "ramp.dev/managed-backends")).isFalse();
  }

  @Test
  void anAbortTakesTheTemplatesBackendsOffTheRoute() {
    World world = atTheExperimentWithPodsStarting();
    world.advance(Duration.ofMinutes(1));
    world.runUntilStable();
    world.status().abort = true;
    world.runUntilStable();

    assertThat(world.status().phase).isEqualTo("Aborted");
    assertThat(backends(world)).containsExactly(Map.entry("checkout-stable", 100),
        Map.entry("checkout-canary", 0));
  }

  @Test
  void aPromotionPastTheStepTakesTheTemplatesBackendsOffTheRoute() {
    World world = atTheExperimentWithPodsStarting();
    world.advance(Duration.ofMinutes(1));
    world.runUntilStable();
    world.status().promoteFull = true;
    world.runUntilStable();

    assertThat(world.router().extraWeights()).isEmpty();
    assertThat(backends(world)).doesNotContainKeys(experimentName(world) + "-baseline",
        experimentName(world) + "-canary");
  }

  /**
   * What Ramp added is found from the route itself (its annotation), not from the experiment:
   * with the experiment deleted by a person, the decisions that follow still take its
   * backends off.
   */
  @Test
  void theBackendsRampAddedLeaveTheRouteEvenWhenTheExperimentIsGone() {
    World world = atTheExperimentWithPodsStarting();
    world.advance(Duration.ofMinutes(1));
    world.runUntilStable();
    String experiment = experimentName(world);
    assertThat(backends(world)).containsKey(experiment + "-canary");

    world.objects.delete(Kinds.experiment("default", experiment));
    world.reconcile();

    assertThat(backends(world)).containsExactly(Map.entry("checkout-stable", 80),
        Map.entry("checkout-canary", 20));
  }
}
