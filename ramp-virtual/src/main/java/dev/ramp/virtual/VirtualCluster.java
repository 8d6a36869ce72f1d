package dev.ramp.virtual;

import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutStatus;
import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.analysis.AnalysisRunSpec;
import dev.ramp.api.analysis.AnalysisRunStatus;
import dev.ramp.api.analysis.AnalysisTemplateSpec;
import dev.ramp.engine.Action;
import dev.ramp.engine.AnalysisRunView;
import dev.ramp.engine.Copies;
import dev.ramp.engine.Plan;
import dev.ramp.engine.PodView;
import dev.ramp.engine.ReplicaSetView;
import dev.ramp.engine.RolloutEngine;
import dev.ramp.engine.RouterView;
import dev.ramp.engine.ServiceView;
import dev.ramp.engine.Snapshot;
import dev.ramp.engine.StrayReplicaSetView;
import dev.ramp.engine.WorkloadView;
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
 * One rollout's cluster in memory, on a clock that only moves when told ({@link #now}): it
 * applies plans the way the controller's actuators do, keeps the traffic router's state, and
 * plays the ReplicaSet controller and kubelet ({@link #settlePods()}). The engine's rollout
 * scenarios (this module's tests) and the benchmarks run the real engine on it.
 */
public class VirtualCluster {
  public final Rollout rollout;
  public final Map<String, ReplicaSet> replicaSets = new LinkedHashMap<>();
  /**
   * ReplicaSets under the rollout's selector that no controller owns (left by a Deployment or an
   * Argo Rollout deleted with orphan propagation), by name; adopting one makes it the rollout's.
   * Each has a hash: the pods here are told apart by their pod-template-hash.
   */
  public final Map<String, ReplicaSet> orphans = new LinkedHashMap<>();
  public final Map<String, ServiceView> services = new HashMap<>();
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
  public WorkloadView workload;
  /** Images whose pods never become ready. */
  public Predicate<String> brokenImages = image -> false;
  /** How long a new pod takes to become ready. */
  public Duration podReadyDelay = Duration.ZERO;
  public Instant now = Instant.parse("2026-01-01T00:00:00Z");

  private int podCounter;

  /** A ReplicaSet as the cluster keeps it. */
  public static final class ReplicaSet {
    public final String name;
    public final String hash;
    public final PodTemplateSpec template;
    public long revision;
    public int replicas;
    public int available;
    public Instant deadline;

    public ReplicaSet(String name, String hash, PodTemplateSpec template, long revision,
        int replicas) {
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

  /**
   * An AnalysisRun as the cluster keeps it. Its phase is set by whoever plays the AnalysisRun
   * controller: a test by hand, or {@link VirtualAnalysis} with the engine's measurement loop.
   */
  public static final class Run {
    public final String name;
    public final String revision;
    public final String kind;
    public final AnalysisRunSpec spec;
    public AnalysisPhase phase = AnalysisPhase.Running;
    public String message;
    public boolean terminated;
    /** The run's status as the measurement loop wrote it, or null. */
    public AnalysisRunStatus status;

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

  public VirtualCluster(Rollout rollout) {
    this.rollout = rollout;
  }

  public Snapshot snapshot() {
    List<ReplicaSetView> views = replicaSets.values().stream().map(ReplicaSet::view).toList();
    return new Snapshot(rollout, views, Map.copyOf(services), workload,
        RolloutEngine.needsPods(rollout) ? List.copyOf(pods) : null,
        runs.values().stream().map(Run::view).toList(), Map.copyOf(templates),
        !routed() || routerProblem != null ? null
            : new RouterView(router.canaryWeight(), router.stableHash(), router.canaryHash(),
                Set.copyOf(routes.keySet())),
        routerProblem, null, List.of(), orphans.values().stream()
            .map(orphan -> new StrayReplicaSetView(orphan.view(), null)).toList());
  }

  private boolean routed() {
    var canary = rollout.getSpec().strategy.canary;
    return canary != null && canary.trafficRouting != null;
  }

  /** One reconcile: decide, apply the actions, write the status. */
  public Plan reconcile() {
    Plan plan = RolloutEngine.decide(snapshot(), now);
    plan.actions().forEach(this::apply);
    rollout.setStatus(plan.status());
    return plan;
  }

  /**
   * Applies one action as the controller does; an action it does not know is refused, as the
   * controller's Actuator refuses it, rather than silently ignored.
   */
  public void apply(Action action) {
    if (action instanceof Action.CreateReplicaSet c) {
      replicaSets.putIfAbsent(c.hash(), new ReplicaSet(c.name(), c.hash(),
          Copies.of(c.template()), c.revision(), c.replicas()));
    } else if (action instanceof Action.AdoptReplicaSet a) {
      ReplicaSet adopted = orphans.remove(a.name());
      if (adopted != null) { // adopted already: the action is idempotent
        adopted.revision = a.revision();
        replicaSets.put(adopted.hash, adopted);
      }
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
      Run run = runs.get(t.name());
      run.terminated = true;
      run.spec.terminate = true;
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
    } else {
      throw new IllegalArgumentException("unknown action " + action);
    }
  }

  /**
   * The ReplicaSet controller and kubelet: every ReplicaSet has its pods (new ones created now,
   * surplus ones gone), and those of healthy images are available once {@link #podReadyDelay}
   * has passed since they were created.
   *
   * @return true when the available pods of some ReplicaSet changed
   */
  public boolean settlePods() {
    boolean changed = false;
    List<ReplicaSet> all = new ArrayList<>(replicaSets.values());
    all.addAll(orphans.values()); // the ReplicaSet controller runs the orphans' pods too
    for (ReplicaSet rs : all) {
      boolean broken = brokenImages.test(image(rs.template));
      List<PodView> mine = new ArrayList<>(pods.stream().filter(p -> p.hash().equals(rs.hash))
          .toList());
      while (mine.size() < rs.replicas) {
        PodView pod = new PodView(rs.name + "-" + (++podCounter), rs.hash, now, false, false);
        pods.add(pod);
        mine.add(pod);
      }
      for (int i = rs.replicas; i < mine.size(); i++) {
        pods.remove(mine.get(i));
      }
      int available = 0;
      for (PodView pod : mine.subList(0, rs.replicas)) {
        boolean ready = !broken && !pod.created().plus(podReadyDelay).isAfter(now);
        available += ready ? 1 : 0;
        if (ready != pod.ready()) {
          pods.set(pods.indexOf(pod), new PodView(pod.name(), pod.hash(), pod.created(), ready,
              pod.terminating()));
        }
      }
      changed |= available != rs.available;
      rs.available = available;
    }
    return changed;
  }

  public RolloutStatus status() {
    return rollout.getStatus();
  }

  public ReplicaSet rs(String hash) {
    return replicaSets.get(hash);
  }

  public ReplicaSet byName(String name) {
    return replicaSets.values().stream().filter(rs -> rs.name.equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no ReplicaSet " + name));
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

  /** Changes the image of the rollout's first container, as {@code kubectl set image} does. */
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
