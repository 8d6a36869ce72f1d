package dev.ramp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStatus;
import dev.ramp.api.CanaryStep;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.PauseCondition;
import dev.ramp.api.RampLabels;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutSpec;
import dev.ramp.api.RolloutStatus;
import dev.ramp.api.RolloutStrategy;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.AnalysisRunSpec;
import dev.ramp.api.analysis.AnalysisRunStatus;
import dev.ramp.api.analysis.Measurement;
import dev.ramp.api.analysis.MetricResult;
import dev.ramp.workloadsim.MockKubernetes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * fabric8's CRUD mock API server with a kubeconfig that points at it, and the objects Ramp's
 * controller would have written: Rollouts with a status, their ReplicaSets, pods and
 * AnalysisRuns. No controller runs: each test sets up the state it needs.
 */
public final class MockCluster implements AutoCloseable {
  public static final String NAMESPACE = "default";

  public final KubernetesClient client;
  public final Path kubeconfig;
  private final MockKubernetes kubernetes;

  private MockCluster(MockKubernetes kubernetes, Path kubeconfig) {
    this.kubernetes = kubernetes;
    this.client = kubernetes.client;
    this.kubeconfig = kubeconfig;
  }

  public static MockCluster start(Path dir) {
    MockKubernetes kubernetes = MockKubernetes.start("rollouts.ramp.dev", "analysisruns.ramp.dev",
        "experiments.ramp.dev");
    Path kubeconfig = dir.resolve("kubeconfig");
    try {
      Files.writeString(kubeconfig, """
          apiVersion: v1
          kind: Config
          clusters: [{name: mock, cluster: {server: "%s"}}]
          users: [{name: tester, user: {}}]
          contexts:
            - {name: mock, context: {cluster: mock, user: tester, namespace: %s}}
            - {name: elsewhere, context: {cluster: mock, user: tester, namespace: elsewhere}}
          current-context: mock
          """.formatted(kubernetes.client.getMasterUrl(), NAMESPACE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new MockCluster(kubernetes, kubeconfig);
  }

  /** Runs ramp against this cluster (its kubeconfig is added to the arguments). */
  public Cli.Result ramp(String... args) {
    return Cli.run(withKubeconfig(args));
  }

  /** Runs ramp on a thread of its own, for commands that go on (watches). */
  public Cli.Running rampInBackground(String... args) {
    return new Cli.Running(withKubeconfig(args));
  }

  /**
   * What a command wrote, and how: {@code PATCH <path> <content type>} per request (the mock
   * has consumed the bodies; tests compare the object before and after).
   */
  public record Run(Cli.Result result, List<String> writes) {}

  /** Runs ramp against this cluster and records the requests it made other than reads. */
  public Run rampWrites(String... args) {
    requests(); // forget the requests of the set-up
    Cli.Result result = ramp(args);
    return new Run(result, requests().stream()
        .filter(request -> !request.getMethod().equals("GET"))
        .map(request -> request.getMethod() + " " + request.getPath() + " "
            + request.getHeader("Content-Type").split(";")[0])
        .toList());
  }

  /**
   * Waits until the rollout has been read {@code count} more times (by a command running in the
   * background) from now on.
   */
  public void awaitReadsOf(String rollout, int count) {
    requests(); // forget the reads so far
    String path = "/apis/ramp.dev/v1alpha1/namespaces/" + NAMESPACE + "/rollouts/" + rollout;
    int[] reads = {0};
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
      reads[0] += (int) requests().stream()
          .filter(r -> r.getMethod().equals("GET") && r.getPath().equals(path)).count();
      return reads[0] >= count;
    });
  }

  private List<RecordedRequest> requests() {
    return kubernetes.takeRequests();
  }

  private String[] withKubeconfig(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--kubeconfig=" + kubeconfig);
    return all.toArray(String[]::new);
  }

  public Rollout rollout(String name) {
    return client.resources(Rollout.class).inNamespace(NAMESPACE).withName(name).get();
  }

  /** Creates a rollout with one container "app" running {@code <name>:v1}, and these steps. */
  public Rollout createRollout(String name, int replicas, CanaryStep... steps) {
    return client.resource(rollout(name, replicas, steps)).create();
  }

  /** A rollout with one container "app" running {@code <name>:v1}, and these steps. */
  public static Rollout rollout(String name, int replicas, CanaryStep... steps) {
    Rollout rollout = new Rollout();
    rollout.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
    RolloutSpec spec = new RolloutSpec();
    spec.replicas = replicas;
    spec.selector = new LabelSelectorBuilder().addToMatchLabels("app", name).build();
    spec.template = template(name, name + ":v1");
    spec.strategy = new RolloutStrategy();
    spec.strategy.canary = new CanaryStrategy();
    spec.strategy.canary.steps = List.of(steps);
    rollout.setSpec(spec);
    return rollout;
  }

  /** Changes the rollout's status as the controller would, for the current generation. */
  public Rollout setStatus(String name, Consumer<RolloutStatus> change) {
    Rollout rollout = rollout(name);
    RolloutStatus status = rollout.getStatus() == null ? new RolloutStatus()
        : rollout.getStatus();
    status.observedGeneration = rollout.getMetadata().getGeneration();
    change.accept(status);
    rollout.setStatus(status);
    return client.resource(rollout).updateStatus();
  }

  /** The rollout's spec or status as JSON, to compare before and after a command. */
  public ObjectNode json(String name, String part) {
    JsonNode rollout = client.getKubernetesSerialization()
        .convertValue(rollout(name), JsonNode.class);
    return rollout.get(part).deepCopy();
  }

  /** The status of a canary at a step: stable revision "stable1", canary revision "canary2". */
  public static Consumer<RolloutStatus> canaryAt(String phase, int stepIndex, int weight) {
    return status -> {
      status.phase = phase;
      status.stableRevision = "stable1";
      status.updatedRevision = "canary2";
      status.currentStepIndex = stepIndex;
      status.canary = new CanaryStatus();
      status.canary.weight = weight;
    };
  }

  /** ...held by the controller at a pause step. */
  public static Consumer<RolloutStatus> pausedAt(int stepIndex, int weight) {
    return canaryAt("Paused", stepIndex, weight).andThen(status -> {
      status.controllerPause = true;
      status.pauseConditions = new ArrayList<>(List.of(new PauseCondition(
          PauseCondition.CANARY_PAUSE_STEP, Instant.now().toString())));
      status.message = "Paused at step " + (stepIndex + 1) + ": promote to continue";
    });
  }

  public static Consumer<RolloutStatus> healthy(String revision) {
    return status -> {
      status.phase = "Healthy";
      status.stableRevision = revision;
      status.updatedRevision = revision;
      status.message = "Healthy: revision " + revision;
    };
  }

  /** A ReplicaSet of the rollout, as Ramp creates them, with its pods (the first ready ones). */
  public ReplicaSet createReplicaSet(Rollout owner, String hash, long revision, String image,
      int replicas, int ready) {
    String name = owner.getMetadata().getName() + "-" + hash;
    PodTemplateSpec template = template(owner.getMetadata().getName(), image);
    template.getMetadata().getLabels().put(RampLabels.POD_TEMPLATE_HASH, hash);
    ReplicaSet rs = client.resource(new ReplicaSetBuilder()
        .withNewMetadata().withName(name).withNamespace(NAMESPACE)
        .withLabels(template.getMetadata().getLabels())
        .addToAnnotations(RampLabels.REVISION, Long.toString(revision))
        .withOwnerReferences(ownerReference(owner))
        .endMetadata()
        .withNewSpec().withReplicas(replicas).withTemplate(template)
        .withNewSelector().withMatchLabels(template.getMetadata().getLabels()).endSelector()
        .endSpec()
        .withNewStatus().withReplicas(replicas).withReadyReplicas(ready)
        .withAvailableReplicas(ready).endStatus()
        .build()).create();
    for (int i = 0; i < replicas; i++) {
      createPod(rs, name + "-pod" + i, i < ready);
    }
    return rs;
  }

  private void createPod(ReplicaSet owner, String name, boolean ready) {
    client.resource(new PodBuilder()
        .withNewMetadata().withName(name).withNamespace(NAMESPACE)
        .withLabels(owner.getSpec().getTemplate().getMetadata().getLabels())
        .withOwnerReferences(ownerReference(owner))
        .endMetadata()
        .withSpec(owner.getSpec().getTemplate().getSpec())
        .withNewStatus().withPhase(ready ? "Running" : "Pending")
        .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
        .endStatus()
        .build()).create();
  }

  /** An AnalysisRun of the rollout, as Ramp creates them, with a status. */
  public AnalysisRun createAnalysisRun(Rollout owner, String name, String revision,
      String analysis, String phase, MetricResult... metrics) {
    AnalysisRun run = new AnalysisRun();
    run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE)
        .addToLabels(RampLabels.ROLLOUT, owner.getMetadata().getName())
        .addToLabels(RampLabels.REVISION_HASH, revision)
        .addToLabels(RampLabels.ANALYSIS, analysis)
        .withOwnerReferences(ownerReference(owner)).build());
    run.setSpec(new AnalysisRunSpec());
    run.getSpec().metrics = List.of();
    AnalysisRunStatus status = new AnalysisRunStatus();
    status.phase = phase;
    status.metricResults = List.of(metrics);
    AnalysisRun created = client.resource(run).create();
    created.setStatus(status);
    return client.resource(created).updateStatus();
  }

  /** A metric's result with one measurement. */
  public static MetricResult metric(String name, String phase, String value, String message) {
    Measurement measurement = new Measurement();
    measurement.phase = phase;
    measurement.value = value;
    measurement.message = message;
    MetricResult result = new MetricResult();
    result.name = name;
    result.phase = phase;
    result.count = 1;
    result.measurements = List.of(measurement);
    return result;
  }

  public static PodTemplateSpec template(String app, String image) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata().addToLabels("app", app).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer()
        .endSpec()
        .build();
  }

  private static OwnerReference ownerReference(HasMetadata owner) {
    return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind()).withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid()).withController(true).build();
  }

  @Override
  public void close() {
    kubernetes.close();
  }
}
