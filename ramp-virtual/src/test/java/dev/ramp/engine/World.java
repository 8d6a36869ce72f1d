package dev.ramp.engine;

import static dev.ramp.cluster.routing.RouterKind.HTTP_ROUTE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.analysis.AnalysisRunStatus;
import dev.ramp.api.routing.GatewayApiRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.ObjectViews;
import dev.ramp.virtual.VirtualCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster in memory for engine tests ({@link VirtualCluster}), recording every plan and event;
 * pods of a revision become available on {@link #settlePods()} unless {@link #brokenImages} says
 * they never will, and analysis runs end as the test says ({@link #finishRun}).
 */
public final class World extends VirtualCluster {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  public final List<RolloutEvent> events = new ArrayList<>();
  public final List<Plan> plans = new ArrayList<>();

  public World(Rollout rollout) {
    super(rollout);
    brokenImages = image -> image.contains("broken");
  }

  /**
   * A world where the canary's traffic is split by a Gateway API HTTPRoute "checkout" between the
   * Services checkout-stable and checkout-canary.
   */
  public static World routed(Rollout rollout) {
    var canary = rollout.getSpec().strategy.canary;
    canary.stableService = "checkout-stable";
    canary.canaryService = "checkout-canary";
    canary.trafficRouting = new TrafficRouting();
    canary.trafficRouting.gatewayAPI = new GatewayApiRouting();
    canary.trafficRouting.gatewayAPI.httpRoute = "checkout";
    World world = new World(rollout);
    world.addService("checkout-stable");
    world.addService("checkout-canary");
    world.addHttpRoute("checkout", "checkout-stable", "checkout-canary");
    return world;
  }

  /** Installs Gateway API and adds an HTTPRoute that sends all requests to the stable Service. */
  public void addHttpRoute(String name, String stableService, String canaryService) {
    objects.installCrd(HTTP_ROUTE.crdName());
    create("""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: %s, namespace: default}
        spec:
          parentRefs: [{name: gateway}]
          rules:
            - backendRefs:
                - {name: %s, port: 80}
                - {name: %s, port: 80, weight: 0}
        """.formatted(name, stableService, canaryService));
  }

  /** The rollout's AnalysisRun of this name as the engine sees it now. */
  public AnalysisRunView runNamed(String name) {
    return analysisRuns().stream().filter(run -> run.getMetadata().getName().equals(name))
        .map(ObjectViews::analysisRun).findFirst().orElseThrow();
  }

  /**
   * Creates an object written as YAML, as {@code kubectl create} does: one that names no
   * namespace goes to the rollout's, unless it is a Namespace (the only cluster-scoped kind the
   * tests create).
   */
  public void create(String yaml) {
    try {
      ObjectNode object = (ObjectNode) YAML.readTree(yaml);
      ObjectNode metadata = (ObjectNode) object.get("metadata");
      if (!metadata.hasNonNull("namespace") && !"Namespace".equals(object.path("kind").asText())) {
        metadata.put("namespace", rollout.getMetadata().getNamespace());
      }
      objects.create(object);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A world where the rollout was deployed with demo:v1 and demo:v2 is now under way. */
  public static World updatingToV2(Rollout rollout) {
    World world = new World(rollout);
    world.runUntilStable();
    world.setImage("demo:v2");
    world.runUntilStable();
    return world;
  }

  @Override
  public Plan reconcile() {
    Plan plan = super.reconcile();
    plans.add(plan);
    events.addAll(plan.events());
    return plan;
  }

  /** Ends the newest run of a kind, as the AnalysisRun controller would. */
  public void finishRun(String kind, AnalysisPhase phase, String message) {
    AnalysisRunStatus status = new AnalysisRunStatus();
    status.phase = phase.name();
    status.message = message;
    setRunStatus(run(kind).name(), status);
  }

  public void advance(Duration duration) {
    now = now.plus(duration);
  }

  /** Reconciles and lets pods and routes settle until nothing changes any more. */
  public Plan runUntilStable() {
    Plan plan = null;
    for (int i = 0; i < 200; i++) {
      String before = Json.write(rollout.getStatus()) + replicaSets().stream()
          .map(rs -> rs.hash() + rs.replicas() + "/" + rs.availableReplicas()).toList();
      plan = reconcile();
      boolean settled = settlePods();
      String after = Json.write(rollout.getStatus()) + replicaSets().stream()
          .map(rs -> rs.hash() + rs.replicas() + "/" + rs.availableReplicas()).toList();
      if (plan.actions().isEmpty() && before.equals(after) && !settled) {
        return plan;
      }
    }
    throw new AssertionError("the rollout never settled: " + rollout.getStatus().message);
  }

  /** What {@code kubectl ramp promote} does at a pause: clears the pause conditions. */
  public void promote() {
    rollout.getStatus().pauseConditions = null;
  }

  public String conditionStatus(String type) {
    return status().conditions.stream().filter(c -> c.type.equals(type))
        .map(c -> c.status).findFirst().orElse(null);
  }

  public String conditionReason(String type) {
    return status().conditions.stream().filter(c -> c.type.equals(type))
        .map(c -> c.reason).findFirst().orElse(null);
  }
}
