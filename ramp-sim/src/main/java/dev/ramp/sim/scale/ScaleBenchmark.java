package dev.ramp.sim.scale;

import dev.ramp.api.Rollout;
import dev.ramp.sim.Sandbox;
import dev.ramp.sim.apiserver.SandboxApiServer;
import dev.ramp.workloadsim.WorkloadSimulator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * Many Rollouts released at once on the sandbox's API server and simulated pods, with Ramp's
 * controller exactly as it runs in a cluster (without simulated users: they would measure the
 * traffic simulator). The controller's client counts its requests; watches on another client
 * time each step from outside.
 */
public final class ScaleBenchmark {
  /** A run stops when no rollout has moved for this long. */
  private static final Duration STALLED = Duration.ofMinutes(5);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final String NEW_IMAGE = "[{\"op\":\"replace\","
      + "\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"bench:v2\"}]";

  /**
   * @param rollouts how many Rollouts to release
   * @param readyDelay how long a new pod takes to become ready
   */
  public record Options(int rollouts, Duration readyDelay) {}

  private final Options options;
  private final PrintWriter progress;
  private final Clock clock = Clock.systemUTC();
  private final List<String> names;

  private ScaleBenchmark(Options options, PrintWriter progress) {
    this.options = options;
    this.progress = progress;
    names = IntStream.rangeClosed(1, options.rollouts())
        .mapToObj(i -> String.format("scale-%04d", i)).toList();
  }

  /** Runs once and reports; prints a line as each phase ends. */
  public static ScaleReport run(Options options, PrintWriter progress) {
    return new ScaleBenchmark(options, progress).run();
  }

  private ScaleReport run() {
    try (SandboxApiServer api = SandboxApiServer.start(0, Sandbox.crds());
        WorkloadSimulator workloads = new WorkloadSimulator(api.client(), clock,
            options.readyDelay(), pod -> true).start();
        MeasuredController controller = new MeasuredController(api.url(), clock)) {
      KubernetesClient client = api.client();
      Instant created = clock.instant();
      Map<String, String> stable = deployFirstRevision(client);
      Duration firstDeploy = Duration.between(created, clock.instant());
      progress.println("  " + names.size() + " rollouts Healthy after "
          + firstDeploy.toSeconds() + " s; releasing a new image to all of them");
      progress.flush();

      Map<String, ReleaseTimeline> timelines = new ConcurrentHashMap<>();
      names.forEach(name -> timelines.put(name, new ReleaseTimeline(stable.get(name))));
      long requestsBefore = controller.requests().requests();
      long writesBefore = controller.requests().writes();
      Instant released = clock.instant();
      release(client, timelines);
      Duration release = Duration.between(released, clock.instant());
      long requests = controller.requests().requests() - requestsBefore;
      long writes = controller.requests().writes() - writesBefore;
      List<Long> latencies = timelines.values().stream()
          .flatMap(t -> t.stepLatencies().stream()).sorted().toList();
      return new ScaleReport(names.size(), Runtime.getRuntime().availableProcessors(),
          firstDeploy, release, latencies, requests, writes, controller.stopAndMeasureHeap());
    }
  }

  /** Creates the Rollouts and waits until each is Healthy; their stable revisions. */
  private Map<String, String> deployFirstRevision(KubernetesClient client) {
    Map<String, String> stable = new ConcurrentHashMap<>();
    try (SharedIndexInformer<Rollout> watch = watch(client.resources(Rollout.class)
        .inNamespace(BenchmarkRollout.NAMESPACE), (rollout, now) -> {
          if (rollout.getStatus() != null && "Healthy".equals(rollout.getStatus().phase)) {
            stable.putIfAbsent(rollout.getMetadata().getName(),
                rollout.getStatus().stableRevision);
          }
        })) {
      names.forEach(name -> client.resources(Rollout.class)
          .inNamespace(BenchmarkRollout.NAMESPACE)
          .resource(BenchmarkRollout.manifest(name, "bench:v1")).create());
      await("Healthy", stable::containsKey);
    }
    return stable;
  }

  /** Changes the image of every Rollout and waits until each has promoted it. */
  private void release(KubernetesClient client, Map<String, ReleaseTimeline> timelines) {
    try (SharedIndexInformer<ReplicaSet> replicaSets = watch(client.apps().replicaSets()
            .inNamespace(BenchmarkRollout.NAMESPACE), (rs, now) ->
                rs.getMetadata().getOwnerReferences().stream().map(OwnerReference::getName)
                    .map(timelines::get).filter(Objects::nonNull).forEach(t -> t.saw(rs, now)));
        SharedIndexInformer<Rollout> rollouts = watch(client.resources(Rollout.class)
            .inNamespace(BenchmarkRollout.NAMESPACE), (rollout, now) ->
                timelines.get(rollout.getMetadata().getName()).saw(rollout, now))) {
      names.forEach(name -> client.resources(Rollout.class)
          .inNamespace(BenchmarkRollout.NAMESPACE).withName(name)
          .patch(PatchContext.of(PatchType.JSON), NEW_IMAGE));
      await("promoted", name -> timelines.get(name).isPromoted());
    }
  }

  /** Waits until every rollout is done, failing when none has moved for a while. */
  private void await(String what, Predicate<String> done) {
    long doneBefore = 0;
    Instant moved = clock.instant();
    Instant told = clock.instant();
    while (true) {
      long doneNow = names.stream().filter(done).count();
      if (doneNow == names.size()) {
        return;
      }
      if (clock.instant().isAfter(told.plus(PROGRESS_EVERY))) {
        told = clock.instant();
        progress.println("  " + doneNow + " of " + names.size() + " rollouts " + what);
        progress.flush();
      }
      if (doneNow > doneBefore) {
        doneBefore = doneNow;
        moved = clock.instant();
      } else if (clock.instant().isAfter(moved.plus(STALLED))) {
        throw new IllegalStateException("only " + doneNow + " of " + names.size()
            + " rollouts " + what + ", and none more for " + STALLED.toMinutes() + " minutes");
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for rollouts " + what, e);
      }
    }
  }

  /** Watches objects, telling {@code seen} of each new state with the time it was seen. */
  private <T extends HasMetadata> SharedIndexInformer<T> watch(Informable<T> objects,
      BiConsumer<T, Long> seen) {
    return objects.inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        seen.accept(object, clock.millis());
      }

      @Override
      public void onUpdate(T old, T object) {
        seen.accept(object, clock.millis());
      }

      @Override
      public void onDelete(T object, boolean unknownFinalState) {}
    });
  }
}
