package dev.ramp.cli.actions;

import static dev.ramp.cli.MockCluster.canaryAt;
import static dev.ramp.cli.MockCluster.healthy;
import static dev.ramp.cli.MockCluster.pausedAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStep;
import dev.ramp.api.PauseCondition;
import dev.ramp.api.Rollout;
import dev.ramp.api.WorkloadRef;
import dev.ramp.cli.Cli;
import dev.ramp.cli.MockCluster;
import dev.ramp.cli.MockClusterTest;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each action against the mock API server: the request it makes (the contract with the
 * controller, see the README), the line it prints, and its exit code.
 */
class ActionCommandsTest extends MockClusterTest {
  private static final String ROLLOUTS = "/apis/ramp.dev/v1alpha1/namespaces/default/rollouts/";
  private static final String MERGE = "application/merge-patch+json";
  private static final String JSON_PATCH = "application/json-patch+json";

  /** setWeight 20, pause until promoted, setWeight 60, pause 20s. */
  private static Rollout fourSteps(String name) {
    return cluster.createRollout(name, 5, CanaryStep.weight(20), CanaryStep.pause(null),
        CanaryStep.weight(60), CanaryStep.pause("20s"));
  }

  /** The JSON of a spec or status with one field set (a null value: removed, as merge patches do). */
  private static ObjectNode with(ObjectNode json, String field, Object value) {
    ObjectNode changed = json.deepCopy();
    if (value == null) {
      changed.remove(field);
    } else {
      changed.putPOJO(field, value);
    }
    return (ObjectNode) cluster.client.getKubernetesSerialization()
        .convertValue(changed, JsonNode.class);
  }

  private static void assertFails(Cli.Result result, String message) {
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("error: " + message + "\n");
  }

  @Test
  void promoteAtAPauseStepClearsThePauseConditions() {
    fourSteps("at-pause");
    cluster.setStatus("at-pause", pausedAt(1, 20));
    ObjectNode status = cluster.json("at-pause", "status");

    MockCluster.Run run = cluster.rampWrites("promote", "at-pause");

    assertThat(run.result().out())
        .isEqualTo("rollout \"at-pause\" promoted past step 2/4 (pause until promoted)\n");
    assertThat(run.result().exitCode()).isZero();
    assertThat(run.writes()).containsExactly("PATCH " + ROLLOUTS + "at-pause/status " + MERGE);
    assertThat(cluster.json("at-pause", "status")).isEqualTo(with(status, "pauseConditions", null));
  }

  @Test
  void promoteAlsoResumesARolloutPausedBySpec() {
    Rollout rollout = fourSteps("both-paused");
    rollout.getSpec().paused = true;
    cluster.client.resource(rollout).update();
    cluster.setStatus("both-paused", pausedAt(1, 20));
    ObjectNode status = cluster.json("both-paused", "status");
    ObjectNode spec = cluster.json("both-paused", "spec");

    MockCluster.Run run = cluster.rampWrites("promote", "both-paused");

    assertThat(run.result().out()).isEqualTo("rollout \"both-paused\" promoted past step 2/4"
        + " (pause until promoted), and resumed (spec.paused was true)\n");
    assertThat(run.writes()).containsExactly("PATCH " + ROLLOUTS + "both-paused/status " + MERGE,
        "PATCH " + ROLLOUTS + "both-paused " + MERGE);
    assertThat(cluster.json("both-paused", "status"))
        .isEqualTo(with(status, "pauseConditions", null));
    assertThat(cluster.json("both-paused", "spec")).isEqualTo(with(spec, "paused", false));
  }

  @Test
  void promoteAtAStepThatIsNotAPauseMovesToTheNextStep() {
    fourSteps("waiting");
    cluster.setStatus("waiting", canaryAt("Progressing", 0, 0));
    ObjectNode status = cluster.json("waiting", "status");

    MockCluster.Run run = cluster.rampWrites("promote", "waiting");

    assertThat(run.result().out()).isEqualTo("rollout \"waiting\" promoted past step 1/4"
        + " (setWeight 20)\n");
    assertThat(run.writes()).containsExactly("PATCH " + ROLLOUTS + "waiting/status " + MERGE);
    assertThat(cluster.json("waiting", "status")).isEqualTo(with(status, "currentStepIndex", 1));
  }

  @Test
  void promotePastAnInconclusiveBackgroundAnalysis() {
    fourSteps("unsure");
    cluster.setStatus("unsure", canaryAt("Paused", 0, 20).andThen(status -> {
      status.controllerPause = true;
      status.pauseConditions = List.of(new PauseCondition(
          PauseCondition.INCONCLUSIVE_ANALYSIS, Instant.now().toString()));
    }));

    Cli.Result result = cluster.ramp("promote", "unsure");

    assertThat(result.out()).isEqualTo("rollout \"unsure\" promoted past the inconclusive"
        + " background analysis (at step 1/4 (setWeight 20)): it measures again\n");
    assertThat(cluster.rollout("unsure").getStatus().pauseConditions).isNull();
  }

  @Test
  void promoteFullAsksToSkipTheRemainingSteps() {
    fourSteps("full");
    cluster.setStatus("full", canaryAt("Progressing", 0, 20));
    ObjectNode status = cluster.json("full", "status");

    MockCluster.Run run = cluster.rampWrites("promote", "full", "--full");

    assertThat(run.result().out()).isEqualTo("rollout \"full\" promoted fully at step 1/4"
        + " (setWeight 20): the remaining steps are skipped\n");
    assertThat(run.writes()).containsExactly("PATCH " + ROLLOUTS + "full/status " + MERGE);
    assertThat(cluster.json("full", "status")).isEqualTo(with(status, "promoteFull", true));
  }

  @Test
  void promoteRefusesWhenNothingIsBeingRolledOut() {
    fourSteps("calm");
    cluster.setStatus("calm", healthy("stable1"));

    MockCluster.Run run = cluster.rampWrites("promote", "calm");
    MockCluster.Run full = cluster.rampWrites("promote", "calm", "--full");

    assertFails(run.result(), "nothing to promote: rollout \"calm\" is Healthy (revision stable1"
        + " is stable, no update is running)");
    assertThat(full.result().exitCode()).isEqualTo(1);
    assertThat(run.writes()).isEmpty();
    assertThat(full.writes()).isEmpty();
  }

  @Test
  void promoteOfAnAbortedRolloutPointsAtRetry() {
    fourSteps("stopped");
    cluster.setStatus("stopped", canaryAt("Aborted", 1, 0).andThen(s -> s.abort = true));

    assertFails(cluster.ramp("promote", "stopped"), "rollout \"stopped\" is aborted: nothing to"
        + " promote. To run its steps again: kubectl ramp retry stopped");
  }

  @Test
  void promoteOfARolloutTheControllerHasNotSeenSaysSo() {
    fourSteps("unseen");

    assertFails(cluster.ramp("promote", "unseen"), "rollout \"unseen\" has no status yet:"
        + " Ramp's controller has not processed it (is the controller running?)");
  }

  @Test
  void abortAsksForAbort() {
    fourSteps("bad");
    cluster.setStatus("bad", pausedAt(1, 20));
    ObjectNode status = cluster.json("bad", "status");

    MockCluster.Run run = cluster.rampWrites("abort", "bad");

    assertThat(run.result().out()).isEqualTo("rollout \"bad\" aborted at step 2/4 (pause until"
        + " promoted): traffic and pods go back to stable revision stable1\n");
    assertThat(run.writes()).containsExactly("PATCH " + ROLLOUTS + "bad/status " + MERGE);
    assertThat(cluster.json("bad", "status")).isEqualTo(with(status, "abort", true));
  }

  @Test
  void abortRefusesWhenAlreadyAbortedOrHealthy() {
    fourSteps("aborted");
    cluster.setStatus("aborted", canaryAt("Aborted", 1, 0).andThen(s -> s.abort = true));
    fourSteps("fine");
    cluster.setStatus("fine", healthy("stable1"));

    assertFails(cluster.ramp("abort", "aborted"), "rollout \"aborted\" is already aborted");
    assertFails(cluster.ramp("abort", "fine"), "nothing to abort: rollout \"fine\" is Healthy"
        + " (revision stable1 is stable, no update is running)");
  }

  @Test
  void retryClearsAbortOfAnAbortedRolloutOnly() {
    fourSteps("again");
    cluster.setStatus("again", canaryAt("Aborted", 1, 0).andThen(s -> s.abort = true));
    fourSteps("running");
    cluster.setStatus("running", canaryAt("Progressing", 0, 0));
    ObjectNode status = cluster.json("again", "status");

    MockCluster.Run run = cluster.rampWrites("retry", "again");

    assertThat(run.result().out()).isEqualTo("rollout \"again\" retried: revision canary2 starts"
        + " again at step 1/4 (setWeight 20)\n");
    assertThat(run.writes()).containsExactly("PATCH " + ROLLOUTS + "again/status " + MERGE);
    assertThat(cluster.json("again", "status")).isEqualTo(with(status, "abort", false));
    assertFails(cluster.ramp("retry", "running"), "rollout \"running\" is Progressing, not"
        + " aborted: nothing to retry");
  }

  @Test
  void pauseAndResumeSetSpecPaused() {
    fourSteps("hold");
    ObjectNode spec = cluster.json("hold", "spec");

    MockCluster.Run pause = cluster.rampWrites("pause", "hold");
    ObjectNode paused = cluster.json("hold", "spec");
    Cli.Result pauseAgain = cluster.ramp("pause", "hold");
    MockCluster.Run resume = cluster.rampWrites("resume", "hold");
    ObjectNode resumed = cluster.json("hold", "spec");
    Cli.Result resumeAgain = cluster.ramp("resume", "hold");

    assertThat(pause.result().out()).isEqualTo("rollout \"hold\" paused (spec.paused: true);"
        + " continue with: kubectl ramp resume hold\n");
    assertThat(pause.writes()).containsExactly("PATCH " + ROLLOUTS + "hold " + MERGE);
    assertThat(paused).isEqualTo(with(spec, "paused", true));
    assertFails(pauseAgain, "rollout \"hold\" is already paused (spec.paused is true)");
    assertThat(resume.result().out()).isEqualTo("rollout \"hold\" resumed (spec.paused: false)\n");
    assertThat(resume.writes()).containsExactly("PATCH " + ROLLOUTS + "hold " + MERGE);
    assertThat(resumed).isEqualTo(with(spec, "paused", false));
    assertFails(resumeAgain, "rollout \"hold\" is not paused by spec.paused");
  }

  @Test
  void resumeAtAPauseStepPointsAtPromote() {
    fourSteps("at-step");
    cluster.setStatus("at-step", pausedAt(1, 20));

    assertFails(cluster.ramp("resume", "at-step"), "rollout \"at-step\" is not paused by"
        + " spec.paused: it waits at step 2/4 (pause until promoted), to go on: kubectl ramp"
        + " promote at-step");
  }

  @Test
  void restartSetsRestartAtToNow() {
    fourSteps("fresh");
    ObjectNode spec = cluster.json("fresh", "spec");

    MockCluster.Run run = cluster.rampWrites("restart", "fresh");

    String restartAt = cluster.rollout("fresh").getSpec().restartAt;
    assertThat(Instant.parse(restartAt))
        .isBetween(Instant.now().minus(Duration.ofMinutes(1)), Instant.now());
    assertThat(run.writes()).containsExactly("PATCH " + ROLLOUTS + "fresh " + MERGE);
    assertThat(cluster.json("fresh", "spec")).isEqualTo(with(spec, "restartAt", restartAt));
    assertThat(run.result().out()).isEqualTo("rollout \"fresh\" restarting: pods created before "
        + restartAt + " are replaced, a few at a time\n");
  }

  @Test
  void undoPutsBackTheTemplateOfThePreviousRevision() {
    Rollout rollout = fourSteps("back");
    cluster.createReplicaSet(rollout, "old0", 1, "back:v0", 0, 0);
    cluster.createReplicaSet(rollout, "stable1", 2, "back:v1", 5, 5);
    cluster.createReplicaSet(rollout, "canary2", 3, "back:v2", 1, 1);
    cluster.setStatus("back", pausedAt(1, 20));
    ObjectNode spec = cluster.json("back", "spec");

    MockCluster.Run run = cluster.rampWrites("undo", "back");

    assertThat(run.result().out()).isEqualTo("rollout \"back\" set back to the template of"
        + " revision 2 (ReplicaSet back-stable1: app=back:v1)\n");
    assertThat(run.writes()).containsExactly("PATCH " + ROLLOUTS + "back " + JSON_PATCH);
    // the ReplicaSet's template, without the hash label Ramp adds to it
    assertThat(cluster.json("back", "spec"))
        .isEqualTo(with(spec, "template", MockCluster.template("back", "back:v1")));
  }

  @Test
  void undoToARevision() {
    Rollout rollout = fourSteps("choose");
    cluster.createReplicaSet(rollout, "old0", 1, "choose:v0", 0, 0);
    cluster.createReplicaSet(rollout, "stable1", 2, "choose:v1", 5, 5);
    cluster.setStatus("choose", healthy("stable1"));

    Cli.Result result = cluster.ramp("undo", "choose", "--to-revision", "1");
    Cli.Result current = cluster.ramp("undo", "choose", "--to-revision", "2");
    Cli.Result missing = cluster.ramp("undo", "choose", "--to-revision", "7");

    assertThat(result.out()).isEqualTo("rollout \"choose\" set back to the template of revision"
        + " 1 (ReplicaSet choose-old0: app=choose:v0)\n");
    assertThat(cluster.rollout("choose").getSpec().template.getSpec().getContainers().get(0)
        .getImage()).isEqualTo("choose:v0");
    assertFails(current, "revision 2 is already the current revision of rollout \"choose\"");
    assertFails(missing, "revision 7 of rollout \"choose\" not found (revisions: 1, 2)");
  }

  @Test
  void undoNeedsAnEarlierRevision() {
    Rollout rollout = fourSteps("first");
    cluster.createReplicaSet(rollout, "stable1", 1, "first:v1", 5, 5);
    cluster.setStatus("first", healthy("stable1"));

    assertFails(cluster.ramp("undo", "first"), "no previous revision to undo to: rollout"
        + " \"first\" has revision 1 only");
  }

  @Test
  void undoOfARolloutOfADeploymentPointsAtTheDeployment() {
    Rollout rollout = fourSteps("by-ref");
    rollout.getSpec().template = null;
    rollout.getSpec().workloadRef = new WorkloadRef("apps/v1", "Deployment", "web");
    cluster.client.resource(rollout).update();

    assertFails(cluster.ramp("undo", "by-ref"), "rollout \"by-ref\" takes its pod template from"
        + " Deployment \"web\" (spec.workloadRef): undo by changing the template of that"
        + " Deployment");
  }

  @Test
  void setImageReplacesTheImageOfTheContainer() {
    Rollout rollout = fourSteps("img");
    rollout.getSpec().template.getSpec().getInitContainers().add(
        new ContainerBuilder().withName("migrate").withImage("migrate:v1").build());
    cluster.client.resource(rollout).update();

    ObjectNode spec = cluster.json("img", "spec");

    MockCluster.Run run = cluster.rampWrites("set", "image", "img", "app=img:v2",
        "migrate=migrate:v2");

    assertThat(run.result().out())
        .isEqualTo("rollout \"img\" image updated: app=img:v2, migrate=migrate:v2\n");
    assertThat(run.writes()).containsExactly("PATCH " + ROLLOUTS + "img " + JSON_PATCH);
    ((ObjectNode) spec.at("/template/spec/containers/0")).put("image", "img:v2");
    ((ObjectNode) spec.at("/template/spec/initContainers/0")).put("image", "migrate:v2");
    assertThat(cluster.json("img", "spec")).isEqualTo(spec);
  }

  @Test
  void setImageNamesTheContainersThereAre() {
    fourSteps("which");

    assertFails(cluster.ramp("set", "image", "which", "web=which:v2"), "container \"web\" not"
        + " found in rollout \"which\" (containers: app)");
    assertFails(cluster.ramp("set", "image", "which", "which:v2"),
        "expected CONTAINER=IMAGE, got \"which:v2\"");
  }

  @Test
  void aRolloutThatDoesNotExistIsNamedWithItsNamespace() {
    assertFails(cluster.ramp("abort", "ghost"),
        "rollout \"ghost\" not found in namespace \"default\"");
    assertFails(cluster.ramp("pause", "ghost", "-n", "team-a"),
        "rollout \"ghost\" not found in namespace \"team-a\"");
    assertFails(cluster.ramp("promote", "ghost", "--context", "elsewhere"),
        "rollout \"ghost\" not found in namespace \"elsewhere\"");
  }
}
