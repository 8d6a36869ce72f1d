package dev.ramp.cli.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStep;
import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.experiment.Experiment;
import dev.ramp.cli.Cli;
import dev.ramp.cli.MockCluster;
import dev.ramp.cli.MockClusterTest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code terminate analysisrun|experiment} against the mock API server: the merge patch it sends
 * (the same as Argo Rollouts' plugin), the line it prints, and its exit code.
 */
class TerminateCommandTest extends MockClusterTest {
  private static final String API = "/apis/ramp.dev/v1alpha1/namespaces/default/";
  private static final String MERGE = "application/merge-patch+json";

  /**
   * An experiment as a person writes one: no duration (it runs until terminated), and a field
   * Ramp does not know, which a terminate must keep (it is kept as JSON, not as Ramp's model).
   */
  private static GenericKubernetesResource createExperiment(String name, String phase) {
    String manifest = """
        apiVersion: ramp.dev/v1alpha1
        kind: Experiment
        metadata: {name: %s}
        spec:
          owner: team-checkout
          templates:
            - name: canary
              selector: {matchLabels: {app: checkout}}
              template:
                metadata: {labels: {app: checkout}}
                spec: {containers: [{name: app, image: "checkout:v2"}]}
        """.formatted(name);
    GenericKubernetesResource created = experiments().inNamespace(MockCluster.NAMESPACE).load(
        new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8))).create();
    if (phase == null) {
      return created;
    }
    created.setAdditionalProperty("status", Map.of("phase", phase));
    return experiments().inNamespace(MockCluster.NAMESPACE).resource(created).updateStatus();
  }

  private static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> experiments() {
    return cluster.client.genericKubernetesResources(
        ResourceDefinitionContext.fromResourceType(Experiment.class));
  }

  private static GenericKubernetesResource experiment(String name) {
    return experiments().inNamespace(MockCluster.NAMESPACE).withName(name).get();
  }

  private static <T extends HasMetadata> T read(Class<T> type, String name) {
    return cluster.client.resources(type).inNamespace(MockCluster.NAMESPACE).withName(name).get();
  }

  private static JsonNode json(HasMetadata object) {
    return cluster.client.getKubernetesSerialization().convertValue(object, JsonNode.class);
  }

  /** The spec as it was, with {@code terminate: true}: nothing else of the object changed. */
  private static JsonNode terminated(HasMetadata before) {
    ObjectNode spec = (ObjectNode) json(before).get("spec").deepCopy();
    spec.set("terminate", BooleanNode.TRUE);
    return spec;
  }

  private static void assertFails(Cli.Result result, String message) {
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("error: " + message + "\n");
  }

  @Test
  void terminateExperimentSetsSpecTerminateAndNothingElse() {
    GenericKubernetesResource before = createExperiment("checkout-2-1", "Running");

    MockCluster.Run run = cluster.rampWrites("terminate", "experiment", "checkout-2-1");

    assertThat(run.result().out()).isEqualTo("experiment \"checkout-2-1\" terminated: it ends"
        + " Successful with the message \"terminated\"\n");
    assertThat(run.result().exitCode()).isZero();
    assertThat(run.writes())
        .containsExactly("PATCH " + API + "experiments/checkout-2-1 " + MERGE);
    GenericKubernetesResource after = experiment("checkout-2-1");
    assertThat(json(after).get("spec")).isEqualTo(terminated(before));
    assertThat(json(after).at("/spec/owner").asText()).isEqualTo("team-checkout");
    assertThat(json(after).at("/status/phase").asText()).isEqualTo("Running");
    // a person's terminate carries no mark of Ramp's own (ramp.dev/retired): the step completes
    assertThat(after.getMetadata().getAnnotations()).isNullOrEmpty();
  }

  @Test
  void terminateAnalysisRunSetsSpecTerminate() {
    Rollout rollout = cluster.createRollout("checkout", 3, CanaryStep.weight(20));
    AnalysisRun before = cluster.createAnalysisRun(rollout, "checkout-7d9f-errors", "7d9f",
        "errors", "Running");

    MockCluster.Run run = cluster.rampWrites("terminate", "ar", "checkout-7d9f-errors");

    assertThat(run.result().out()).isEqualTo("analysisrun \"checkout-7d9f-errors\" terminated:"
        + " it ends Successful with the message \"terminated\"\n");
    assertThat(run.result().exitCode()).isZero();
    assertThat(run.writes())
        .containsExactly("PATCH " + API + "analysisruns/checkout-7d9f-errors " + MERGE);
    assertThat(json(read(AnalysisRun.class, "checkout-7d9f-errors")).get("spec"))
        .isEqualTo(terminated(before));
  }

  @Test
  void anObjectTheControllerHasNotSeenYetIsTerminatedToo() {
    GenericKubernetesResource before = createExperiment("fresh", null);

    MockCluster.Run run = cluster.rampWrites("terminate", "experiment", "fresh");

    assertThat(run.result().exitCode()).isZero();
    assertThat(run.writes()).containsExactly("PATCH " + API + "experiments/fresh " + MERGE);
    assertThat(json(experiment("fresh")).get("spec")).isEqualTo(terminated(before));
  }

  @Test
  void anObjectThatAlreadyEndedIsLeftAsItIs() {
    createExperiment("failed-exp", "Failed");
    Rollout rollout = cluster.createRollout("cart", 3, CanaryStep.weight(20));
    cluster.createAnalysisRun(rollout, "cart-1a2b-errors", "1a2b", "errors", "Successful");

    MockCluster.Run experiment = cluster.rampWrites("terminate", "experiment", "failed-exp");
    MockCluster.Run analysisRun = cluster.rampWrites("terminate", "analysisrun",
        "cart-1a2b-errors");

    assertThat(experiment.result().out())
        .isEqualTo("experiment \"failed-exp\" already ended Failed: nothing to terminate\n");
    assertThat(experiment.result().exitCode()).isZero();
    assertThat(experiment.writes()).isEmpty();
    assertThat(json(experiment("failed-exp")).at("/spec/terminate").isMissingNode()).isTrue();
    assertThat(analysisRun.result().out()).isEqualTo(
        "analysisrun \"cart-1a2b-errors\" already ended Successful: nothing to terminate\n");
    assertThat(analysisRun.result().exitCode()).isZero();
    assertThat(analysisRun.writes()).isEmpty();
  }

  @Test
  void anObjectThatDoesNotExistIsNamedWithItsNamespace() {
    assertFails(cluster.ramp("terminate", "experiment", "ghost"),
        "experiment \"ghost\" not found in namespace \"default\"");
    assertFails(cluster.ramp("terminate", "analysisrun", "ghost", "-n", "team-a"),
        "analysisrun \"ghost\" not found in namespace \"team-a\"");
    assertFails(cluster.ramp("terminate", "experiment", "ghost", "--context", "elsewhere"),
        "experiment \"ghost\" not found in namespace \"elsewhere\"");
  }
}
