package dev.ramp.controller.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The controller talks to a flaky API server ({@link ApiFaults}): every rollout still ends as it
 * does against a healthy one, with no duplicate ReplicaSet or AnalysisRun, users are never sent
 * to a revision without available pods, and its webhook subscriber gets each notification once.
 */
class ApiFaultsTest {
  /** More than the operator framework's default retries of one failing reconcile. */
  private static final int REFUSED_ROUTE_WRITES = 8;
  private static final int FALSE_CONFLICTS = 2;
  private static final List<Long> SEEDS = List.of(1L, 2L);
  private static final List<String> FAULTS = List.of("CutWatchAfter", "Delay", "Drop",
      "LoseResponse", "Refuse 409", "Refuse 429", "Refuse 500");

  /** Every kind of fault injected in the stories' runs, and how many stories ran. */
  private static final Set<String> INJECTED = ConcurrentHashMap.newKeySet();
  private static final AtomicInteger STORIES = new AtomicInteger();

  @RegisterExtension
  static final ScenarioRunner runner = new ScenarioRunner();

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ramp.controller.resilience.Scenario#all")
  void convergesAsAgainstAHealthyApiServer(Scenario scenario) {
    String healthy = scenario.name() + "-healthy";
    Map<String, ApiFaults> faults = new LinkedHashMap<>();
    SEEDS.forEach(seed -> faults.put(scenario.name() + "-faults" + seed, new ApiFaults(seed)));
    List<String> namespaces = new ArrayList<>(faults.keySet());
    namespaces.add(healthy);
    Map<String, ScenarioRunner.Result> results = ScenarioRunner.atOnce(namespaces,
        namespace -> runner.run(scenario, namespace, policy(faults.get(namespace))));

    FinalState expected = results.get(healthy).state();
    assertThat(results.get(healthy).refused()).as("requests the ClusterRole does not grant")
        .isEmpty();
    assertThat(expected.phase()).isEqualTo(scenario.outcome());
    assertThat(expected.replicaSets()).hasSize(scenario.replicaSets());
    List<NotificationWatch.Received> notifications = results.get(healthy).notifications();
    assertThat(notifications).as("notifications").isNotEmpty();
    assertThat(NotificationWatch.problems(notifications, notifications,
        results.get(healthy).recordedNotifications(), 0))
        .as("notifications against a healthy API server").isEmpty();
    SoftAssertions softly = new SoftAssertions();
    faults.forEach((namespace, run) -> {
      ScenarioRunner.Result result = results.get(namespace);
      System.out.printf("%s: %s, injected %s, %d restarts%n", namespace, run, run.injected(),
          result.restarts());
      softly.assertThat(result.state()).as("final state with %s", run).isEqualTo(expected);
      softly.assertThat(result.misdirected()).as("traffic with %s", run).isEmpty();
      softly.assertThat(result.refused())
          .as("requests the ClusterRole does not grant, with %s", run).isEmpty();
      softly.assertThat(NotificationWatch.problems(notifications, result.notifications(),
          result.recordedNotifications(), result.restarts()))
          .as("notifications with %s", run).isEmpty();
      INJECTED.addAll(run.injected().keySet());
    });
    STORIES.incrementAndGet();
    softly.assertAll();
  }

  /**
   * Each kind of fault was met by some story (over all of them: a story with few writes may see
   * no lost answer, by chance).
   */
  @AfterAll
  static void everyKindOfFaultWasInjected() {
    if (STORIES.get() == Scenario.all().size()) {
      assertThat(new TreeSet<>(INJECTED)).as("faults injected").containsAll(FAULTS);
    }
  }

  /**
   * Writes to the HTTPRoute are forbidden for a while (a role that lacked the permission until
   * an administrator fixed it): the rollout waits, then continues by itself.
   */
  @Test
  void continuesOnceRefusedWritesAreAllowedAgain() {
    AtomicInteger refused = new AtomicInteger();
    ApiProxy.Policy forbidden = call -> call.isWrite() && call.resource().contains("/httproutes/")
        && refused.incrementAndGet() <= REFUSED_ROUTE_WRITES
        ? new ApiProxy.Fault.Refuse(403, 0) : ApiProxy.Fault.NONE;

    ScenarioRunner.Result result = runner.run(Scenario.named("gateway"), "gateway-forbidden",
        () -> forbidden);

    assertThat(refused).hasValueGreaterThan(REFUSED_ROUTE_WRITES);
    assertThat(result.state().phase()).isEqualTo("Healthy");
    assertThat(result.misdirected()).isEmpty();
  }

  /**
   * The first creates of each ReplicaSet and AnalysisRun are answered with a 409 that is not
   * true: the object does not exist. The controller must not take the answer for "already there"
   * and wait for an object that never comes; it looks (which its ClusterRole must allow), finds
   * nothing, and creates it again.
   */
  @Test
  void aConflictOnCreateIsNotTakenForAnObjectThatIsNotThere() {
    Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
    ApiProxy.Policy falseConflicts = call -> call.method().equals("POST")
        && (call.resource().endsWith("/replicasets") || call.resource().endsWith("/analysisruns"))
        && refused.computeIfAbsent(call.resource() + " " + createdName(call.body()),
            key -> new AtomicInteger()).incrementAndGet() <= FALSE_CONFLICTS
        ? new ApiProxy.Fault.Refuse(409, 0) : ApiProxy.Fault.NONE;

    ScenarioRunner.Result result = runner.run(Scenario.named("gateway"), "gateway-conflicts",
        () -> falseConflicts);

    assertThat(result.state().phase()).isEqualTo("Healthy");
    assertThat(result.state().replicaSets()).hasSize(2);
    assertThat(result.state().analysisRuns()).singleElement().asString().endsWith(" Successful");
    assertThat(refused.keySet()).hasSize(3); // two ReplicaSets and one AnalysisRun
    assertThat(refused.values()).allSatisfy(count ->
        assertThat(count).hasValueGreaterThan(FALSE_CONFLICTS));
    assertThat(result.misdirected()).isEmpty();
    assertThat(result.refused()).as("requests the ClusterRole does not grant (looking for the"
        + " object after a conflict included)").isEmpty();
  }

  @Test
  void aReplicaSetThatChangedBeforeTheAnswerToItsPatchCameIsSeenAsItIs() {
    ApiProxy.Policy lateAnswers = call -> call.method().equals("PATCH")
        && call.resource().contains("/replicasets/")
        ? new ApiProxy.Fault.DelayAnswer(1500) : ApiProxy.Fault.NONE;

    ScenarioRunner.Result result = runner.run(Scenario.named("services"), "services-late",
        () -> lateAnswers);

    assertThat(result.state().phase()).isEqualTo("Healthy");
  }

  /** The name in a create's body: each object is refused on its own first tries. */
  private static String createdName(String body) {
    Matcher name = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
    return name.find() ? name.group(1) : body;
  }

  private static Supplier<ApiProxy.Policy> policy(ApiFaults faults) {
    return faults == null ? () -> call -> ApiProxy.Fault.NONE : () -> faults;
  }
}
