package dev.ramp.controller.rollout;

import static dev.ramp.engine.EveryAction.NAME;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.ramp.api.RampLabels;
import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.AnalysisRunSpec;
import dev.ramp.api.experiment.Experiment;
import dev.ramp.api.experiment.ExperimentSpec;
import dev.ramp.cluster.Actuator;
import dev.ramp.cluster.routing.RouterKind;
import dev.ramp.controller.RouterFixtures;
import dev.ramp.controller.events.EventRecorder;
import dev.ramp.controller.kube.KubernetesObjects;
import dev.ramp.engine.Action;
import dev.ramp.engine.EveryAction;
import dev.ramp.engine.Fixtures;
import dev.ramp.workloadsim.MockKubernetes;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.BaseConfigurationService;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The controller's Actuator applies every action the engine can plan against an API server (an
 * action added to {@link Action} that it does not know is refused as unknown, and fails this
 * test): each sample is applied to a routed rollout whose objects it names all exist.
 */
class EveryActionActuatorTest {

  @TestFactory
  Stream<DynamicTest> everyActionIsApplied() {
    return EveryAction.samples().stream().map(action -> DynamicTest.dynamicTest(
        action.getClass().getSimpleName(), () -> {
          try (MockKubernetes kubernetes = MockKubernetes.start("analysisruns.ramp.dev",
              "experiments.ramp.dev")) {
            Rollout rollout = createObjects(kubernetes.client);
            InformerEventSource<ReplicaSet, Rollout> replicaSets =
                replicaSetCache(kubernetes.client);
            try {
              Actuator actuator = new Actuator(new KubernetesObjects(kubernetes.client, replicaSets));

              assertThatCode(() -> actuator.apply(rollout, List.of(action), doing -> {}))
                  .doesNotThrowAnyException();
            } finally {
              replicaSets.stop();
            }
          }
        }));
  }

  /** A rollout routed by an HTTPRoute, and the objects named {@link EveryAction#NAME}. */
  private static Rollout createObjects(KubernetesClient client) {
    Rollout rollout = RouterFixtures.routed(NAME, RouterFixtures.gatewayApi(NAME));
    rollout.getMetadata().setUid("uid-" + NAME);
    String ns = rollout.getMetadata().getNamespace();
    RouterFixtures.installCrds(client, RouterKind.HTTP_ROUTE);
    RouterFixtures.create(client, """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web}
        spec:
          rules:
            - backendRefs: [{name: web-stable, port: 80}]
        """);
    client.apps().replicaSets().inNamespace(ns).resource(new ReplicaSetBuilder()
        .withNewMetadata().withName(NAME).addToLabels(RampLabels.POD_TEMPLATE_HASH, NAME)
        .endMetadata()
        .withNewSpec().withReplicas(1).withSelector(rollout.getSpec().selector)
        .withTemplate(rollout.getSpec().template).endSpec()
        .build()).create();
    client.services().inNamespace(ns).resource(new ServiceBuilder()
        .withNewMetadata().withName(NAME).endMetadata()
        .withNewSpec().addToSelector("app", NAME).endSpec().build()).create();
    client.pods().inNamespace(ns).resource(new PodBuilder()
        .withNewMetadata().withName(NAME).endMetadata()
        .withSpec(Fixtures.template(NAME, "demo:v1").getSpec()).build()).create();
    client.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder()
        .withNewMetadata().withName(NAME).endMetadata()
        .withNewSpec().withReplicas(1).withSelector(rollout.getSpec().selector)
        .withTemplate(rollout.getSpec().template).endSpec().build()).create();
    AnalysisRun run = new AnalysisRun();
    run.setMetadata(new ObjectMetaBuilder().withName(NAME).withNamespace(ns).build());
    run.setSpec(new AnalysisRunSpec());
    client.resources(AnalysisRun.class).resource(run).create();
    Experiment experiment = new Experiment();
    experiment.setMetadata(new ObjectMetaBuilder().withName(NAME).withNamespace(ns).build());
    experiment.setSpec(new ExperimentSpec());
    client.resources(Experiment.class).resource(experiment).create();
    return rollout;
  }

  /** The ReplicaSet cache the controller gives the Actuator, started and filled. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static InformerEventSource<ReplicaSet, Rollout> replicaSetCache(
      KubernetesClient client) {
    ControllerConfiguration<Rollout> controller = new BaseConfigurationService()
        .getConfigurationFor(new RolloutReconciler(Clock.systemUTC(),
            new EventRecorder(client, Clock.systemUTC()), null));
    InformerEventSource<ReplicaSet, Rollout> replicaSets = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(ReplicaSet.class, Rollout.class).build(),
        new EventSourceContext<>(null, controller, client, Rollout.class));
    // what the operator does when it registers the controller: the namespaces to watch, and
    // where events go (nowhere: no reconcile runs here)
    replicaSets.setControllerConfiguration((ControllerConfiguration) controller);
    replicaSets.setEventHandler(event -> {});
    replicaSets.start();
    Awaitility.await().until(() -> replicaSets.get(new ResourceID(NAME, "default")).isPresent());
    return replicaSets;
  }
}
