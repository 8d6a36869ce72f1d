package dev.ramp.controller.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The controller is killed at every point of every reconcile of a rollout (and of its
 * experiment), and a new one takes over: the rollout ends exactly as an uninterrupted one does,
 * and users are never sent to a revision without available pods.
 *
 * <p>Which crash points: an uninterrupted run first counts the most action writes one of its
 * reconciles makes (K; the rollout's reconciles and its experiment's are counted apart). Then
 * one run per crash point, all at once in namespaces of their own: one where the controller dies
 * right after every rollout status write (so after each reconcile that moved the rollout, every
 * step included, which the test checks), one where it dies right after every AnalysisRun or
 * Experiment status write (each measurement recorded, each change of an experiment), and for
 * each k from 1 to K one where it dies right after the k-th action write of every reconcile, or
 * right after the last of one that has fewer (so every gap between two actions of every
 * reconcile is a crash point in some run, and every run has crashes whatever the sizes of its
 * reconciles). A run is the first deploy and an update through all the steps.
 *
 * <p>The rollout is subscribed to a webhook: each run's receiver gets every notification of the
 * uninterrupted run, each under an id of its own, an id again only after a controller died.
 */
class CrashAnywhereTest {
  @RegisterExtension
  static final ScenarioRunner runner = new ScenarioRunner();

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ramp.controller.resilience.Scenario#all")
  void endsAsAnUninterruptedRunWhereverTheControllerDies(Scenario scenario) {
    CrashSchedule uninterrupted = CrashSchedule.never();
    ScenarioRunner.Result expected = run(scenario, uninterrupted);
    assertThat(expected.misdirected()).isEmpty();
    assertThat(expected.refused()).as("requests the ClusterRole does not grant").isEmpty();
    assertThat(expected.state().phase()).isEqualTo(scenario.outcome());
    assertThat(expected.state().replicaSets()).hasSize(scenario.replicaSets());
    assertThat(expected.notifications()).as("notifications").isNotEmpty();
    assertThat(NotificationWatch.problems(expected.notifications(), expected.notifications(),
        expected.recordedNotifications(), 0)).as("notifications of the uninterrupted run")
        .isEmpty();

    List<CrashSchedule> schedules = new ArrayList<>();
    CrashSchedule afterStatus = CrashSchedule.afterEachRolloutStatusWrite();
    schedules.add(afterStatus);
    if (uninterrupted.runStatusWrites() > 0) {
      schedules.add(CrashSchedule.afterEachRunStatusWrite());
    }
    for (int k = 1; k <= uninterrupted.longestReconcile(); k++) {
      schedules.add(CrashSchedule.afterActionWrite(k));
    }
    Map<CrashSchedule, ScenarioRunner.Result> results = ScenarioRunner.atOnce(schedules,
        schedule -> run(scenario, schedule));

    SoftAssertions softly = new SoftAssertions();
    results.forEach((schedule, result) -> {
      softly.assertThat(result.state()).as("final state with %s", schedule)
          .isEqualTo(expected.state());
      softly.assertThat(result.misdirected()).as("traffic with %s", schedule).isEmpty();
      softly.assertThat(result.refused())
          .as("requests the ClusterRole does not grant, with %s", schedule).isEmpty();
      softly.assertThat(schedule.crashes()).as("crashes with %s", schedule).isPositive();
      softly.assertThat(NotificationWatch.problems(expected.notifications(),
          result.notifications(), result.recordedNotifications(), result.restarts()))
          .as("notifications with %s", schedule).isEmpty();
    });
    softly.assertThat(afterStatus.stepsCrashedAt())
        .as("steps a controller died right after reaching")
        .containsAll(uninterrupted.stepsWritten());
    softly.assertAll();
  }

  private ScenarioRunner.Result run(Scenario scenario, CrashSchedule crashes) {
    String namespace = scenario.name() + "-" + crashes.name();
    ScenarioRunner.Result result = runner.run(scenario, namespace, crashes::forNewProcess);
    System.out.printf("%s: %s, %d restarts, %d notifications sent again%n", namespace, crashes,
        result.restarts(), NotificationWatch.repeats(result.notifications()));
    return result;
  }
}
