package dev.ramp.sim.traffic;

import dev.ramp.api.RampLabels;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.SessionAffinity;
import dev.ramp.cluster.routing.RouterProblem;
import dev.ramp.cluster.routing.TrafficRouter;
import dev.ramp.cluster.routing.TrafficRouters;
import dev.ramp.controller.kube.HttpRouterPlugins;
import dev.ramp.controller.kube.KubernetesObjects;
import dev.ramp.engine.RouterView;
import dev.ramp.engine.routing.SessionAffinityRoute;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users of every Rollout: a steady stream of requests, split between the revisions that have
 * ready pods the way a Service splits them (by ready pods) or, with a traffic router, by the
 * weight written in the router's objects; a blue-green Rollout's users reach the pods its active
 * Service selects. The requests come from a population of users who keep cookies, so a session
 * affinity in the router's objects keeps the users the canary served on it. Each request fails and takes as long as its pod template says. Counted as Prometheus metrics labelled by namespace, rollout and revision.
 */
public final class TrafficSimulator implements AutoCloseable {
  /** Pod template annotation: the probability that a request fails (default 0.005). */
  public static final String ERROR_RATE = "sandbox.ramp.dev/error-rate";
  /** Pod template annotation: the typical latency in milliseconds (default 50). */
  public static final String LATENCY_MS = "sandbox.ramp.dev/latency-ms";

  private static final Logger LOG = LoggerFactory.getLogger(TrafficSimulator.class);
  private static final Duration TICK = Duration.ofMillis(100);
  private static final double DEFAULT_ERROR_RATE = 0.005;
  private static final double DEFAULT_LATENCY_MS = 50;
  private static final int USERS_PER_ROLLOUT = 500;

  private final KubernetesClient client;
  private final int rps;
  private final Random random;
  private final Clock clock;
  private final SharedIndexInformer<Rollout> rollouts;
  private final SharedIndexInformer<ReplicaSet> replicaSets;
  private final Counter requests;
  private final Histogram latency;
  private final Map<String, RevisionTraffic> totals = new ConcurrentHashMap<>();
  private final Map<String, Double> owed = new ConcurrentHashMap<>();
  private final Map<String, SimulatedUsers> users = new ConcurrentHashMap<>();
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "traffic-simulator");
    thread.setDaemon(true);
    return thread;
  });
  private Instant last;

  /**
   * @param rps requests per second sent to each Rollout
   * @param seed makes the sequence of requests and failures repeatable
   */
  public TrafficSimulator(KubernetesClient client, PrometheusRegistry registry, int rps, long seed,
      Clock clock) {
    this.client = client;
    this.rps = rps;
    this.random = new Random(seed);
    this.clock = clock;
    this.rollouts = client.resources(Rollout.class).inAnyNamespace().inform();
    this.replicaSets = client.apps().replicaSets().inAnyNamespace()
        .withLabel(RampLabels.POD_TEMPLATE_HASH).inform();
    this.requests = Counter.builder().name("http_requests")
        .help("Requests served by a Rollout's revision, by status code")
        .labelNames("namespace", "rollout", "revision", "code")
        .register(registry);
    this.latency = Histogram.builder().name("http_request_duration_seconds")
        .help("Latency of requests served by a Rollout's revision")
        .labelNames("namespace", "rollout", "revision")
        .classicUpperBounds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
        .register(registry);
  }

  public TrafficSimulator start() {
    last = clock.instant();
    loop.scheduleAtFixedRate(this::tickQuietly, TICK.toMillis(), TICK.toMillis(),
        TimeUnit.MILLISECONDS);
    return this;
  }

  /** Requests and failures a revision of a rollout has served so far. */
  public RevisionTraffic traffic(String namespace, String rollout, String revision) {
    return totals.computeIfAbsent(key(namespace, rollout, revision), k -> new RevisionTraffic());
  }

  @Override
  public void close() {
    loop.shutdownNow();
    rollouts.close();
    replicaSets.close();
  }

  private void tickQuietly() {
    try {
      Instant now = clock.instant();
      double seconds = Duration.between(last, now).toNanos() / 1e9;
      last = now;
      for (Rollout rollout : rollouts.getStore().list()) {
        send(rollout, seconds);
      }
    } catch (RuntimeException e) {
      LOG.warn("traffic simulation round failed", e);
    }
  }

  /** Sends the requests a rollout receives in {@code seconds} to its ready revisions. */
  private void send(Rollout rollout, double seconds) {
    String namespace = rollout.getMetadata().getNamespace();
    String name = rollout.getMetadata().getName();
    Split split = routed(rollout, backends(rollout));
    List<Backend> backends = throughActiveService(rollout, split.backends());
    double total = backends.stream().mapToDouble(Backend::share).sum();
    String id = key(namespace, name, "");
    SimulatedUsers people = users.computeIfAbsent(id, k -> new SimulatedUsers(USERS_PER_ROLLOUT));
    Instant now = clock.instant();
    double due = owed.getOrDefault(id, 0.0) + rps * seconds;
    int count = (int) due;
    owed.put(id, due - count);
    if (total == 0) {
      return; // nobody to serve them: the requests fail at the Service and are not counted here
    }
    for (int i = 0; i < count; i++) {
      Backend backend = people.request(random, now, split.canary(), split.affinity(),
          () -> pick(backends, random.nextDouble() * total)).backend();
      boolean failed = random.nextDouble() < backend.errorRate();
      double millis = backend.latencyMs() * Math.exp(0.25 * random.nextGaussian());
      requests.labelValues(namespace, name, backend.revision(), failed ? "500" : "200").inc();
      latency.labelValues(namespace, name, backend.revision()).observe(millis / 1000);
      traffic(namespace, name, backend.revision()).record(failed);
    }
  }

  /**
   * A revision with ready pods and its share of the requests: by ready pods, as a Service
   * spreads them, unless a traffic router says otherwise.
   */
  private record Backend(String revision, double share, double errorRate, double latencyMs) {
    Backend withShare(double newShare) {
      return new Backend(revision, newShare, errorRate, latencyMs);
    }
  }

  private List<Backend> backends(Rollout rollout) {
    List<Backend> backends = new ArrayList<>();
    for (ReplicaSet rs : replicaSets.getStore().list()) {
      if (!ownedBy(rs, rollout) || rs.getStatus() == null
          || rs.getStatus().getReadyReplicas() == null || rs.getStatus().getReadyReplicas() == 0) {
        continue;
      }
      ObjectMeta template = rs.getSpec().getTemplate().getMetadata();
      backends.add(new Backend(rs.getMetadata().getLabels().get(RampLabels.POD_TEMPLATE_HASH),
          rs.getStatus().getReadyReplicas(),
          number(template, ERROR_RATE, DEFAULT_ERROR_RATE),
          number(template, LATENCY_MS, DEFAULT_LATENCY_MS)));
    }
    return backends;
  }

  /**
   * The backends with their shares, the canary's backend (null without a router or ready canary
   * pods) and the session affinity the router's objects carry (null when none).
   */
  private record Split(List<Backend> backends, Backend canary, SimulatedUsers.Affinity affinity) {}

  /**
   * With a traffic router, the canary revision gets the weight written in the router's objects
   * and the stable revision the rest, and the cookie holders the canary when they carry a
   * session affinity (read with Ramp's own routers, as the mesh would see it).
   */
  private Split routed(Rollout rollout, List<Backend> backends) {
    var status = rollout.getStatus();
    Optional<TrafficRouter> router = TrafficRouters.of(new KubernetesObjects(client),
        HttpRouterPlugins.shared(), rollout);
    if (router.isEmpty() || status == null || status.stableRevision == null) {
      return new Split(backends, null, null);
    }
    RouterView view;
    try {
      view = router.get().read(rollout);
    } catch (RouterProblem e) {
      return new Split(backends, null, null);
    }
    // out of 100, or out of NGINX's maxTrafficWeight
    int total = rollout.getSpec().strategy.canary.weightTotal();
    List<Backend> split = new ArrayList<>();
    Backend canary = null;
    for (Backend backend : backends) {
      if (backend.revision().equals(status.stableRevision)) {
        split.add(backend.withShare(total - view.canaryWeight()));
      } else if (backend.revision().equals(status.updatedRevision)) {
        canary = backend.withShare(view.canaryWeight());
        split.add(canary);
      }
    }
    SessionAffinity affinity = rollout.getSpec().strategy.canary.sessionAffinity;
    boolean carried = affinity != null && status.updatedRevision != null
        && view.routes().contains(SessionAffinityRoute.name(status.updatedRevision));
    return new Split(split, canary, carried ? new SimulatedUsers.Affinity(
        status.updatedRevision, Duration.ofSeconds(affinity.maxAgeSeconds())) : null);
  }

  /** A blue-green Rollout's users go through its active Service, to the revision it selects. */
  private List<Backend> throughActiveService(Rollout rollout, List<Backend> backends) {
    var strategy = rollout.getSpec() == null ? null : rollout.getSpec().strategy;
    if (strategy == null || strategy.blueGreen == null) {
      return backends;
    }
    Service active = client.services().inNamespace(rollout.getMetadata().getNamespace())
        .withName(strategy.blueGreen.activeService).get();
    String selected = active == null || active.getSpec().getSelector() == null ? null
        : active.getSpec().getSelector().get(RampLabels.POD_TEMPLATE_HASH);
    return selected == null ? backends
        : backends.stream().filter(backend -> backend.revision().equals(selected)).toList();
  }

  private static Backend pick(List<Backend> backends, double point) {
    double seen = 0;
    for (Backend backend : backends) {
      seen += backend.share();
      if (point < seen) {
        return backend;
      }
    }
    return backends.get(backends.size() - 1);
  }

  private static boolean ownedBy(ReplicaSet rs, Rollout rollout) {
    for (OwnerReference ref : rs.getMetadata().getOwnerReferences()) {
      if (ref.getUid().equals(rollout.getMetadata().getUid())) {
        return true;
      }
    }
    return false;
  }

  private static double number(ObjectMeta meta, String annotation, double fallback) {
    String value = meta == null || meta.getAnnotations() == null ? null
        : meta.getAnnotations().get(annotation);
    try {
      return value == null ? fallback : Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static String key(String namespace, String rollout, String revision) {
    return namespace + "/" + rollout + "/" + revision;
  }
}
