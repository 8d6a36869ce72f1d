package dev.ramp.engine;

import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutStatus;
import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.analysis.AnalysisRunSpec;
import dev.ramp.api.analysis.AnalysisTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A cluster in memory for engine tests: it applies plans the way the controller's actuators do,
 * and plays the ReplicaSet controller and kubelet (pods of a revision become available on
 * {@link #settlePods()} unless {@link #brokenImages} says they never will).
 */
public final class World {
  public final Rollout rollout;
  public final Map<String, Rs> replicaSets = new LinkedHashMap<>();
  public final Map<String, ServiceView> services = new HashMap<>();
  public final List<RolloutEvent> events = new ArrayList<>();
  public final List<Plan> plans = new ArrayList<>();
  public Predicate<String> brokenImages = image -> image.contains("broken");
  public Instant now = Instant.parse("2026-01-01T00:00:00Z");
  public WorkloadView workload;
  private int podCounter;
  public final List<PodView> pods = new ArrayList<>();
  public final Map<String, AnalysisTemplateSpec> templates = new HashMap<>();
  /** AnalysisRuns by name, in the order they were created. */
  public final Map<String, Run> runs = new LinkedHashMap<>();
  /** The traffic router's state, for rollouts with trafficRouting. */
  public RouterView router = new RouterView(0, null, null, Set.of());
  /** Why the router cannot be used (a missing CRD or object), or null. */
  public String routerProblem;
  /** Header and mirror routes as the router holds them, by name. */
  public final Map<String, Action> routes = new LinkedHashMap<>();

  /** An AnalysisRun as the world keeps it; tests decide its phase. */
  public static final class Run {
    public final String name;
    public final String revision;
    public final String kind;
    public final AnalysisRunSpec spec;
    public AnalysisPhase phase = AnalysisPhase.Running;
    public String message;
    public boolean terminated;

    Run(String name, String revision, String kind, AnalysisRunSpec spec) {
      this.name = name;
      this.revision = revision;
      this.kind = kind;
      this.spec = spec;
    }

    AnalysisRunView view() {
      return new AnalysisRunView(name, revision, kind, phase, message, terminated);
    }
  }

  /** A ReplicaSet as the world keeps it. */
  public static final class Rs {
    public final String name;
    public final String hash;
    public final PodTemplateSpec template;
    public long revision;
    public int replicas;
    public int available;
    public Instant deadline;

    Rs(String name, String hash, PodTemplateSpec template, long revision, int replicas) {
      this.name = name;
      this.hash = hash;
      this.template = template;
      this.revision = revision;
      this.replicas = replicas;
    }

    ReplicaSetView view() {
      return new ReplicaSetView(name, hash, revision, replicas, Math.max(replicas, available),
          available, available, deadline, template);
    }
  }

  public World(Rollout rollout) {
    this.rollout = rollout;
  }

  /** A world where the rollout was deployed with demo:v1 and demo:v2 is now under way. */
  public static World updatingToV2(Rollout rollout) {
    World world = new World(rollout);
    world.runUntilStable();
    world.setImage("demo:v2");
    world.runUntilStable();
    return world;
  }

  public Snapshot snapshot() {
    List<ReplicaSetView> views = replicaSets.values().stream().map(Rs::view).toList();
    return new Snapshot(rollout, views, Map.copyOf(services), workload,
        RolloutEngine.needsPods(rollout) ? List.copyOf(pods) : null,
        runs.values().stream().map(Run::view).toList(), Map.copyOf(templates),
        !routed() || routerProblem != null ? null
            : new RouterView(router.canaryWeight(), router.stableHash(), router.canaryHash(),
                Set.copyOf(routes.keySet())),
        routerProblem, null);
  }

  private boolean routed() {
    var canary = rollout.getSpec().strategy.canary;
    return canary != null && canary.trafficRouting != null;
  }

  /** One reconcile: decide, apply the actions, write the status. */
  public Plan reconcile() {
    Plan plan = RolloutEngine.decide(snapshot(), now);
    plans.add(plan);
    plan.actions().forEach(this::apply);
    rollout.setStatus(plan.status());
    events.addAll(plan.events());
    return plan;
  }

  public void apply(Action action) {
    if (action instanceof Action.CreateReplicaSet c) {
      replicaSets.putIfAbsent(
          c.hash(), new Rs(c.name(), c.hash(), Json.copy(c.template()), c.revision(), c.replicas()));
    } else if (action instanceof Action.ScaleReplicaSet s) {
      byName(s.name()).replicas = s.replicas();
    } else if (action instanceof Action.SetScaleDownDeadline d) {
      byName(d.name()).deadline = d.deadline();
    } else if (action instanceof Action.SetRevision r) {
      byName(r.name()).revision = r.revision();
    } else if (action instanceof Action.DeleteReplicaSet d) {
      replicaSets.values().removeIf(rs -> rs.name.equals(d.name()));
    } else if (action instanceof Action.PinService p) {
      services.put(p.service(), new ServiceView(p.service(), p.hash()));
    } else if (action instanceof Action.DeletePod p) {
      pods.removeIf(pod -> pod.name().equals(p.name()));
    } else if (action instanceof Action.CreateAnalysisRun c) {
      runs.putIfAbsent(c.name(), new Run(c.name(), c.revision(), c.kind(), c.spec()));
    } else if (action instanceof Action.TerminateAnalysisRun t) {
      runs.get(t.name()).terminated = true;
    } else if (action instanceof Action.SetTrafficWeight w) {
      router = new RouterView(w.weight(), w.stableHash(), w.canaryHash(), Set.of());
    } else if (action instanceof Action.SetHeaderRoute h) {
      routes.put(h.name(), h);
    } else if (action instanceof Action.SetMirrorRoute m) {
      routes.put(m.name(), m);
    } else if (action instanceof Action.RemoveRoute r) {
      routes.remove(r.name());
    } else if (action instanceof Action.ScaleDeployment d) {
      workload = new WorkloadView(workload.name(), d.replicas(), workload.selector(),
          workload.template());
    }
  }

  /**
   * The kubelet: every ReplicaSet's pods exist, pods of healthy images are available, surplus
   * pods are gone. Pods are recreated with the current time.
   */
  public void settlePods() {
    for (Rs rs : replicaSets.values()) {
      boolean broken = brokenImages.test(image(rs.template));
      rs.available = broken ? 0 : rs.replicas;
      List<PodView> mine = new ArrayList<>(pods.stream().filter(p -> p.hash().equals(rs.hash))
          .toList());
      while (mine.size() < rs.replicas) {
        PodView pod = new PodView(rs.name + "-" + (++podCounter), rs.hash, now, !broken, false);
        pods.add(pod);
        mine.add(pod);
      }
      for (int i = rs.replicas; i < mine.size(); i++) {
        pods.remove(mine.get(i));
      }
    }
  }

  /** The newest run of a kind ("background", or a step index), or null. */
  public Run run(String kind) {
    Run newest = null;
    for (Run run : runs.values()) {
      if (run.kind.equals(kind)) {
        newest = run;
      }
    }
    return newest;
  }

  public void finishRun(String kind, AnalysisPhase phase, String message) {
    Run run = run(kind);
    run.phase = phase;
    run.message = message;
  }

  public void advance(Duration duration) {
    now = now.plus(duration);
  }

  /** Reconciles and lets pods settle until nothing changes any more. */
  public Plan runUntilStable() {
    Plan plan = null;
    for (int i = 0; i < 200; i++) {
      String before = Json.write(rollout.getStatus()) + replicaSets.values().stream()
          .map(rs -> rs.hash + rs.replicas + "/" + rs.available).toList();
      plan = reconcile();
      settlePods();
      String after = Json.write(rollout.getStatus()) + replicaSets.values().stream()
          .map(rs -> rs.hash + rs.replicas + "/" + rs.available).toList();
      if (plan.actions().isEmpty() && before.equals(after)) {
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

  public RolloutStatus status() {
    return rollout.getStatus();
  }

  public Rs rs(String hash) {
    return replicaSets.get(hash);
  }

  public Rs byName(String name) {
    return replicaSets.values().stream().filter(rs -> rs.name.equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no ReplicaSet " + name));
  }

  public void setImage(String image) {
    rollout.getSpec().template.getSpec().getContainers().get(0).setImage(image);
    bumpGeneration();
  }

  public void bumpGeneration() {
    rollout.getMetadata().setGeneration(rollout.getMetadata().getGeneration() + 1);
  }

  private static String image(PodTemplateSpec template) {
    return template.getSpec().getContainers().get(0).getImage();
  }
}
