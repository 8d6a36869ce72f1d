package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ramp.api.CanaryStep;
import dev.ramp.api.experiment.Experiment;
import dev.ramp.cluster.Kinds;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A person ends the experiment of a rollout's experiment step with {@code terminate: true} (a
 * merge patch, as {@code kubectl argo rollouts terminate experiment} writes): the experiment
 * ends Successful and, as in Argo Rollouts, the step is complete. The experiments Ramp ends
 * itself (abort, a new revision) are never read again: the step then starts a fresh one.
 */
class TerminatedExperimentTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * 10 pods of checkout releasing demo:v2 at its experiment step (step 1), whose experiment has
   * neither a duration nor analyses, as users write one to look at the versions side by side
   * until they are done: it runs until it is terminated.
   */
  private static World atTheExperiment() {
    World world = World.updatingToV2(rollout("checkout", 10, "demo:v1", CanaryStep.weight(20),
        step("""
            experiment:
              templates:
                - name: baseline
                  specRef: stable
                - name: canary
                  specRef: canary
                  someFieldRampDoesNotKnow: true
            """), CanaryStep.weight(50), CanaryStep.pause(null)));
    assertThat(world.status().currentStepIndex).isEqualTo(1);
    assertThat(names(world)).containsExactly(firstExperiment(world));
    assertThat(phase(world, firstExperiment(world))).isEqualTo("Running");
    return world;
  }

  @Test
  void aPersonTerminatingTheStepsExperimentCompletesTheStep() {
    World world = atTheExperiment();
    String experiment = firstExperiment(world);

    terminateAsAPerson(world, experiment);
    world.runUntilStable();

    assertThat(phase(world, experiment)).isEqualTo("Successful");
    assertThat(experiment(world, experiment).getStatus().message).isEqualTo("terminated");
    assertThat(names(world)).as("no second experiment").containsExactly(experiment);
    assertThat(world.status().currentStepIndex).as("at the pause after setWeight 50")
        .isEqualTo(3);
    assertThat(world.status().phase).isEqualTo("Paused");
    assertThat(world.rs(world.status().updatedRevision).replicas()).isEqualTo(5);
  }

  /**
   * The decision that completes the step has its status write lost (a cut connection, or a
   * controller killed after its actions): the next one still sees the rollout at the step and
   * must read the same experiment, not start a second one.
   */
  @Test
  void theStepCompletesEvenWhenTheStatusOfTheDecisionThatCompletedItWasLost() {
    World world = atTheExperiment();
    String experiment = firstExperiment(world);
    terminateAsAPerson(world, experiment);
    world.runExperiments();
    Plan completes = RolloutEngine.decide(world.snapshot(), world.now);
    assertThat(completes.status().currentStepIndex).isEqualTo(2);
    completes.actions().forEach(world::apply);
    assertThat(world.status().currentStepIndex).as("the status is a step behind").isEqualTo(1);

    world.runUntilStable();

    assertThat(names(world)).as("no second experiment").containsExactly(experiment);
    assertThat(world.status().currentStepIndex).isEqualTo(3);
  }

  @Test
  void aRetryAfterAnAbortStartsAFreshExperiment() {
    World world = atTheExperiment();
    String experiment = firstExperiment(world);
    world.status().abort = true;
    world.runUntilStable();
    assertThat(world.status().phase).isEqualTo("Aborted");
    assertThat(experiment(world, experiment).getSpec().terminate).isTrue();

    world.status().abort = false;
    world.runUntilStable();

    assertThat(names(world)).containsExactly(experiment, experiment + "-2");
    assertThat(phase(world, experiment + "-2")).isEqualTo("Running");
    assertThat(world.status().currentStepIndex).isEqualTo(1);
    assertThat(world.status().phase).isEqualTo("Progressing");
  }

  /** The person's terminate completed the step once; it does not complete it again. */
  @Test
  void aRetryAfterAPersonEndedTheExperimentStartsAFreshOne() {
    World world = atTheExperiment();
    String experiment = firstExperiment(world);
    terminateAsAPerson(world, experiment);
    world.runUntilStable();
    world.status().abort = true;
    world.runUntilStable();

    world.status().abort = false;
    world.runUntilStable();

    assertThat(names(world)).containsExactly(experiment, experiment + "-2");
    assertThat(phase(world, experiment + "-2")).isEqualTo("Running");
    assertThat(world.status().currentStepIndex).as("waiting on the fresh experiment")
        .isEqualTo(1);
  }

  /**
   * demo:v3 replaces demo:v2 while its experiment runs, so Ramp ends that experiment; when
   * demo:v2 is shipped again its experiment step runs a fresh experiment, not the ended one.
   */
  @Test
  void aRevisionShippedAgainRunsAFreshExperiment() {
    World world = atTheExperiment();
    String experiment = firstExperiment(world);
    world.setImage("demo:v3");
    world.runUntilStable();
    assertThat(experiment(world, experiment).getSpec().terminate).isTrue();

    world.setImage("demo:v2");
    world.runUntilStable();

    assertThat(names(world)).contains(experiment + "-2");
    assertThat(phase(world, experiment + "-2")).isEqualTo("Running");
    assertThat(world.status().currentStepIndex).isEqualTo(1);
  }

  private static String firstExperiment(World world) {
    return "checkout-" + world.status().updatedRevision + "-1";
  }

  /** What {@code kubectl patch experiment NAME --type merge} writes. */
  private static void terminateAsAPerson(World world, String experiment) {
    ObjectNode patch = YAML.createObjectNode();
    patch.putObject("spec").put("terminate", true);
    world.objects.patch(Kinds.experiment("default", experiment), patch);
  }

  private static List<String> names(World world) {
    return world.experiments().stream().map(e -> e.getMetadata().getName()).toList();
  }

  private static Experiment experiment(World world, String name) {
    return world.experiments().stream().filter(e -> e.getMetadata().getName().equals(name))
        .findFirst().orElseThrow();
  }

  private static String phase(World world, String experiment) {
    Experiment e = experiment(world, experiment);
    return e.getStatus() == null ? null : e.getStatus().phase;
  }

  private static CanaryStep step(String yaml) {
    try {
      return YAML.readValue(yaml, CanaryStep.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
