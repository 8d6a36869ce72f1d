package dev.ramp.engine;

import static dev.ramp.engine.EveryAction.NAME;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisRunSpec;
import dev.ramp.api.experiment.ExperimentSpec;
import dev.ramp.virtual.VirtualCluster;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The in-memory cluster applies every action the engine can plan, as the controller does: one
 * added to {@link Action} without a way to apply it here fails this test instead of being
 * silently ignored by the engine's scenarios.
 */
class EveryActionInMemoryTest {

  @TestFactory
  Stream<DynamicTest> everyActionIsApplied() {
    return EveryAction.samples().stream().map(action -> DynamicTest.dynamicTest(
        action.getClass().getSimpleName(),
        () -> assertThatCode(() -> cluster().apply(action)).doesNotThrowAnyException()));
  }

  /** A routed rollout whose objects the samples name all exist. */
  private static VirtualCluster cluster() {
    Rollout rollout = Fixtures.rollout(NAME, 1, "demo:v1");
    World world = World.routed(rollout);
    world.addDeployment(NAME, 1, rollout.getSpec().selector, rollout.getSpec().template);
    world.addService(NAME);
    world.addOrphan(NAME, NAME, rollout.getSpec().template, 1);
    world.settlePods();
    world.create("""
        apiVersion: v1
        kind: Pod
        metadata: {name: %s, namespace: default}
        """.formatted(NAME));
    world.apply(new Action.CreateAnalysisRun(NAME, NAME, "background", new AnalysisRunSpec()));
    world.apply(new Action.CreateExperiment(NAME, NAME, 1, new ExperimentSpec()));
    return world;
  }
}
