package dev.ramp.controller.resilience;

import dev.ramp.api.Rollout;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs scenarios on one simulated cluster, each run in a namespace of its own with its own
 * controller, kept running by a {@link RestartingController} whose processes talk to the API
 * server through proxies with the given policies. Many runs may go at once. Registered as a
 * test class's extension, it stops the cluster after the class's tests.
 */
final class ScenarioRunner implements AfterAllCallback, AutoCloseable {
  /**
   * What a run left, how often its controller was replaced, where traffic went wrong, the
   * requests it made that Ramp's ClusterRole does not grant, the notifications it sent, and the
   * ids of those the rollout recorded as sent.
   */
  record Result(FinalState state, int restarts, List<String> misdirected, Set<String> refused,
      List<NotificationWatch.Received> notifications, Set<String> recordedNotifications) {}

  private final SimulatedCluster cluster = new SimulatedCluster();
  private final TrafficWatch traffic = new TrafficWatch(cluster.client);
  private final RevisionErrors errors = new RevisionErrors(cluster.client);
  private final NotificationWatch notifications = new NotificationWatch(cluster.client);

  /** Runs {@code run} for each key, all at once, each on a thread of its own. */
  static <K> Map<K, Result> atOnce(Collection<K> keys, Function<K, Result> run) {
    ExecutorService threads = Executors.newCachedThreadPool();
    try {
      Map<K, Future<Result>> started = new LinkedHashMap<>();
      keys.forEach(key -> started.put(key, threads.submit(() -> run.apply(key))));
      Map<K, Result> results = new LinkedHashMap<>();
      for (Map.Entry<K, Future<Result>> each : started.entrySet()) {
        results.put(each.getKey(), each.getValue().get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException failure ? failure
          : new IllegalStateException(e.getCause());
    } finally {
      threads.shutdownNow();
    }
  }

  /** The first deploy and the update to the scenario's image, until all has settled. */
  Result run(Scenario scenario, String namespace, Supplier<ApiProxy.Policy> policies) {
    cluster.apply(namespace, scenario.manifests().replace(Scenario.ERRORS_URL, errors.url()));
    ClusterRoleGrants grants = new ClusterRoleGrants();
    int restarts;
    Set<String> recorded;
    try (RestartingController controller = new RestartingController(cluster.apiUrl(),
        namespace, () -> grants.checking(policies.get()))) {
      String v1 = cluster.await(namespace, Scenario.ROLLOUT, "v1 healthy",
          SimulatedCluster.healthy()).getStatus().stableRevision;
      cluster.setImage(namespace, Scenario.ROLLOUT, scenario.image());
      cluster.await(namespace, Scenario.ROLLOUT, scenario.image() + " " + scenario.outcome(),
          ended(scenario.outcome(), v1));
      Awaitility.await().alias(namespace + ": settled").atMost(SimulatedCluster.TIMEOUT)
          .until(() -> FinalState.of(cluster, namespace, Scenario.ROLLOUT).settled());
      recorded = NotificationWatch.recorded(cluster.await(namespace, Scenario.ROLLOUT,
          "every notification sent and recorded", NotificationWatch::allRecorded));
      restarts = controller.restarts();
    }
    return new Result(FinalState.of(cluster, namespace, Scenario.ROLLOUT), restarts,
        traffic.violations(namespace), grants.refused(), notifications.received(namespace),
        recorded);
  }

  /** The update has ended in the outcome: on the new revision, or aborted back on v1. */
  private static Predicate<Rollout> ended(String outcome, String v1) {
    Predicate<Rollout> decided = r -> outcome.equals(r.getStatus().phase)
        && r.getMetadata().getGeneration().equals(r.getStatus().observedGeneration)
        && !v1.equals(r.getStatus().updatedRevision);
    return decided.and(r -> (outcome.equals("Healthy") ? r.getStatus().updatedRevision : v1)
        .equals(r.getStatus().stableRevision));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    notifications.close();
    errors.close();
    traffic.close();
    cluster.close();
  }
}
