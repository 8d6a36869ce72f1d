package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.rollout;
import static dev.ramp.engine.Fixtures.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutCondition;
import dev.ramp.cluster.Kinds;
import dev.ramp.cluster.ObjectJson;
import dev.ramp.cluster.ObjectKey;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ReplicaSets under the rollout's selector that it does not own: the one left running its
 * template is adopted with its pods, any other one with pods stops the rollout with a message
 * that names it and says what to do.
 */
class StrayReplicaSetsTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final String ADVICE =
      ": scale it to zero or delete it, or give the Rollout labels of its own";

  @Test
  void anOrphanRunningTheTemplateIsAdoptedWithItsPodsAndBecomesTheStableRevision() {
    Rollout rollout = rollout("checkout", 3, "demo:v1", CanaryStep.weight(50));
    ReplicaSetView orphan = replicaSet("checkout-argo7", "argo7", asReadBack("demo:v1"), 3);

    Plan adopting = RolloutEngine.decide(snapshot(rollout, List.of(),
        List.of(new StrayReplicaSetView(orphan, null))), NOW);

    assertThat(adopting.actions()).first()
        .isEqualTo(new Action.AdoptReplicaSet("checkout-argo7", 1));
    assertThat(adopting.actions())
        .noneMatch(action -> action instanceof Action.CreateReplicaSet)
        .noneMatch(action -> action instanceof Action.ScaleReplicaSet);
    assertThat(adopting.status().stableRevision).isEqualTo("argo7");
    assertThat(adopting.events()).extracting(RolloutEvent::reason).contains("AdoptedReplicaSet");

    rollout.setStatus(adopting.status());
    ReplicaSetView adopted = replicaSet("checkout-argo7", "argo7", asReadBack("demo:v1"), 3,
        1);
    Plan next = RolloutEngine.decide(snapshot(rollout, List.of(adopted), List.of()), NOW);

    assertThat(next.actions()).isEmpty();
    assertThat(next.status().phase).isEqualTo("Healthy");
    assertThat(next.status().stableRevision).isEqualTo("argo7");
    assertThat(next.status().availableReplicas).isEqualTo(3);
  }

  @Test
  void anAdoptedOrphanBecomesTheRolloutsReplicaSetInMemoryWithItsPods() {
    Rollout rollout = rollout("checkout", 3, "demo:v1", CanaryStep.weight(50));
    World world = new World(rollout);
    world.addOrphan("checkout-argo7", "argo7", asReadBack("demo:v1"), 3);
    world.settlePods();
    List<PodView> running = List.copyOf(world.pods());

    world.runUntilStable();

    assertThat(world.orphans()).isEmpty();
    assertThat(world.replicaSets()).singleElement().satisfies(rs -> {
      assertThat(rs.name()).isEqualTo("checkout-argo7");
      assertThat(rs.revision()).isEqualTo(1);
    });
    assertThat(world.pods()).as("its pods are kept").isEqualTo(running);
    assertThat(world.status().phase).isEqualTo("Healthy");
    assertThat(world.status().stableRevision).isEqualTo("argo7");
  }

  @Test
  void anOrphanOfAnotherTemplateStopsTheRolloutUntilItHasNoPods() {
    Rollout rollout = rollout("checkout", 3, "demo:v1", CanaryStep.weight(50));
    ReplicaSetView old = replicaSet("checkout-old", "old", template("checkout", "demo:v0"), 2);

    Plan refused = RolloutEngine.decide(snapshot(rollout, List.of(),
        List.of(new StrayReplicaSetView(old, null))), NOW);

    String problem = "ReplicaSet \"checkout-old\" runs pods that spec.selector \"app=checkout\""
        + " selects, of a pod template other than the Rollout's" + ADVICE;
    assertRefused(refused, problem);

    rollout.setStatus(refused.status());
    ReplicaSetView scaledToZero = replicaSet("checkout-old", "old",
        template("checkout", "demo:v0"), 0);
    Plan released = RolloutEngine.decide(snapshot(rollout, List.of(),
        List.of(new StrayReplicaSetView(scaledToZero, null))), NOW);

    assertThat(released.status().conditions)
        .noneMatch(c -> c.type.equals(RolloutCondition.INVALID_SPEC));
    assertThat(released.actions()).singleElement()
        .isInstanceOfSatisfying(Action.CreateReplicaSet.class,
            create -> assertThat(create.replicas()).isEqualTo(3));
  }

  @Test
  void aReplicaSetOfAnotherControllerIsNeverAdopted() {
    Rollout rollout = rollout("checkout", 3, "demo:v1", CanaryStep.weight(50));
    ReplicaSetView argos = replicaSet("checkout-argo7", "argo7", asReadBack("demo:v1"), 3);

    Plan refused = RolloutEngine.decide(snapshot(rollout, List.of(), List.of(
        new StrayReplicaSetView(argos, "Rollout \"checkout\" of argoproj.io/v1alpha1"))), NOW);

    assertRefused(refused, "ReplicaSet \"checkout-argo7\" (controlled by Rollout \"checkout\""
        + " of argoproj.io/v1alpha1) runs pods that spec.selector \"app=checkout\" selects"
        + ADVICE);
  }

  @Test
  void anOrphanWithoutTheHashLabelIsNotAdoptedSinceItsPodsWouldNeedNewLabels() {
    Rollout rollout = rollout("checkout", 3, "demo:v1", CanaryStep.weight(50));
    ReplicaSetView unlabelled = replicaSet("checkout-5d8f", null, asReadBack("demo:v1"), 3);

    Plan refused = RolloutEngine.decide(snapshot(rollout, List.of(),
        List.of(new StrayReplicaSetView(unlabelled, null))), NOW);

    assertRefused(refused, "ReplicaSet \"checkout-5d8f\" runs pods that spec.selector"
        + " \"app=checkout\" selects, of the Rollout's pod template but without the"
        + " rollouts-pod-template-hash label, so it cannot be adopted without relabelling them"
        + ADVICE);
  }

  @Test
  void anOrphanOfTheRevisionThatRunsAlreadyIsReported() {
    Rollout rollout = rollout("checkout", 3, "demo:v1", CanaryStep.weight(50));
    World world = new World(rollout);
    world.runUntilStable();
    ReplicaSetView own = world.snapshot().replicaSets().get(0);
    ReplicaSetView copy = replicaSet("checkout-copy", "copy", asReadBack("demo:v1"), 1);

    Plan refused = RolloutEngine.decide(snapshot(rollout, List.of(own),
        List.of(new StrayReplicaSetView(copy, null))), NOW);

    assertRefused(refused, "ReplicaSet \"checkout-copy\" runs pods that spec.selector"
        + " \"app=checkout\" selects, of the Rollout's pod template, which ReplicaSet \""
        + own.name() + "\" runs already" + ADVICE);
  }

  private static void assertRefused(Plan plan, String problem) {
    assertThat(plan.actions()).isEmpty();
    assertThat(plan.status().phase).isEqualTo("Degraded");
    assertThat(plan.status().conditions)
        .filteredOn(c -> c.type.equals(RolloutCondition.INVALID_SPEC)).singleElement()
        .satisfies(c -> assertThat(c.message).isEqualTo(problem));
    assertThat(plan.events()).filteredOn(RolloutEvent::warning).singleElement()
        .satisfies(e -> {
          assertThat(e.reason()).isEqualTo("InvalidSpec");
          assertThat(e.message()).contains(problem);
        });
  }

  /** The template as the API server gives it back: labelled by its owner, with defaults. */
  @Test
  void anOrphanThatAnotherControllerTookAfterTheDecisionIsLeftToIt() {
    World world = new World(rollout("checkout", 3, "demo:v1", CanaryStep.weight(50)));
    world.addOrphan("checkout-argo7", "argo7", asReadBack("demo:v1"), 3);
    Plan plan = RolloutEngine.decide(world.snapshot(), world.now);
    assertThat(plan.actions()).contains(new Action.AdoptReplicaSet("checkout-argo7", 1));
    ObjectKey key = Kinds.replicaSet("default", "checkout-argo7");
    world.objects.patch(key, ObjectJson.of(Map.of("metadata", Map.of("ownerReferences", List.of(
        Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", "checkout",
            "uid", "uid-deployment", "controller", true))))));

    assertThatThrownBy(() -> world.apply(new Action.AdoptReplicaSet("checkout-argo7", 1)))
        .hasMessage("ReplicaSet \"checkout-argo7\" in namespace default to adopt is now"
            + " controlled by Deployment \"checkout\"");
    assertThat(world.objects.get(key).path("metadata").path("ownerReferences"))
        .singleElement().satisfies(owner -> assertThat(owner.path("kind").asText())
            .isEqualTo("Deployment"));
  }

  @Test
  void adoptingAgainAfterALostAnswerChangesNothing() {
    World world = new World(rollout("checkout", 3, "demo:v1", CanaryStep.weight(50)));
    world.addOrphan("checkout-argo7", "argo7", asReadBack("demo:v1"), 3);
    world.apply(new Action.AdoptReplicaSet("checkout-argo7", 1));
    var adopted = world.objects.get(Kinds.replicaSet("default", "checkout-argo7"));

    world.apply(new Action.AdoptReplicaSet("checkout-argo7", 1));

    assertThat(world.objects.get(Kinds.replicaSet("default", "checkout-argo7")))
        .isEqualTo(adopted);
    assertThat(world.replicaSets()).extracting(ReplicaSetView::name)
        .containsExactly("checkout-argo7");
  }

  private static PodTemplateSpec asReadBack(String image) {
    PodTemplateSpec template = template("checkout", image);
    template.getMetadata().getLabels().put("rollouts-pod-template-hash", "argo7");
    template.getSpec().setRestartPolicy("Always");
    template.getSpec().setDnsPolicy("ClusterFirst");
    template.getSpec().setSchedulerName("default-scheduler");
    template.getSpec().setTerminationGracePeriodSeconds(30L);
    template.getSpec().setSecurityContext(new PodSecurityContext());
    Container container = template.getSpec().getContainers().get(0);
    container.setImagePullPolicy("IfNotPresent");
    container.setTerminationMessagePath("/dev/termination-log");
    container.setTerminationMessagePolicy("File");
    container.setResources(new ResourceRequirements());
    return template;
  }

  private static ReplicaSetView replicaSet(String name, String hash, PodTemplateSpec template,
      int pods) {
    return replicaSet(name, hash, template, pods, 0);
  }

  private static ReplicaSetView replicaSet(String name, String hash, PodTemplateSpec template,
      int pods, long revision) {
    return new ReplicaSetView(name, hash, revision, pods, pods, pods, pods, null, template);
  }

  private static Snapshot snapshot(Rollout rollout, List<ReplicaSetView> owned,
      List<StrayReplicaSetView> strays) {
    return new Snapshot(rollout, owned, Map.of(), null, null, List.of(), Map.of(), null, null,
        null, List.of(), strays);
  }
}
