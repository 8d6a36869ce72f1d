package dev.ramp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.metrics.MeasurementResult.State;
import dev.ramp.metrics.MeasurementResult.Verdict;
import dev.ramp.workloadsim.MockKubernetes;
import dev.ramp.workloadsim.WorkloadSimulator;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against fabric8's CRUD mock API server, with the workload simulator playing the Job controller:
 * a Job completes about 100ms after its pod is created, or fails when its pod template is
 * annotated {@code sandbox.ramp.dev/job-result: fail}.
 */
class JobProviderTest {
  private MockKubernetes kubernetes;
  private KubernetesClient client;
  private WorkloadSimulator simulator;
  private JobProvider provider;
  private OwnerReference run;

  @BeforeEach
  void start() {
    kubernetes = MockKubernetes.start("analysisruns.ramp.dev");
    client = kubernetes.client;
    // the owner must exist: the simulator, like the garbage collector, deletes orphaned Jobs
    AnalysisRun analysisRun = new AnalysisRun();
    analysisRun.getMetadata().setName("checkout-7f9c-2");
    analysisRun.getMetadata().setNamespace(Requests.NAMESPACE);
    analysisRun = client.resources(AnalysisRun.class).resource(analysisRun).create();
    run = new OwnerReferenceBuilder().withApiVersion(analysisRun.getApiVersion())
        .withKind(analysisRun.getKind()).withName(analysisRun.getMetadata().getName())
        .withUid(analysisRun.getMetadata().getUid()).withController(true)
        .withBlockOwnerDeletion(true).build();
    simulator = new WorkloadSimulator(client, Clock.systemUTC(), Duration.ofMillis(100),
        WorkloadSimulator::startsUnlessAnnotated).start();
    provider = new JobProvider(client);
  }

  @AfterEach
  void stop() {
    simulator.close();
    kubernetes.close();
  }

  @Test
  void measureCreatesTheJobOwnedByTheRun() {
    MeasurementResult result = provider.measure(request("smoke-test", Map.of()));

    assertThat(result.state()).isEqualTo(State.RUNNING);
    String name = result.metadata().get(JobProvider.JOB_NAME);
    assertThat(name).matches("checkout-7f9c-2-smoke-test-[a-z0-9]{5}");
    Job job = job(name);
    assertThat(job.getMetadata().getOwnerReferences()).containsExactly(run);
    assertThat(job.getMetadata().getLabels())
        .containsEntry(JobProvider.RUN_UID_LABEL, run.getUid());
    assertThat(job.getMetadata().getAnnotations())
        .containsEntry(JobProvider.METRIC_ANNOTATION, "smoke-test");
    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("curlimages/curl");
  }

  @Test
  void aJobThatCompletesIsSuccessful() {
    MeasurementRequest request = request("smoke-test", Map.of());
    Map<String, String> metadata = provider.measure(request).metadata();
    String name = metadata.get(JobProvider.JOB_NAME);

    assertThat(provider.resume(request, metadata).state()).isEqualTo(State.RUNNING);
    MeasurementResult done = awaitDone(request, metadata);
    assertThat(done.verdict()).isEqualTo(Verdict.SUCCESSFUL);
    assertThat(done.message()).isEqualTo("Job " + name + " succeeded");
  }

  @Test
  void aJobThatFailsIsFailed() {
    MeasurementRequest request = request("smoke-test",
        Map.of(WorkloadSimulator.JOB_RESULT, "fail"));
    Map<String, String> metadata = provider.measure(request).metadata();

    MeasurementResult done = awaitDone(request, metadata);
    assertThat(done.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(done.message()).isEqualTo("Job " + metadata.get(JobProvider.JOB_NAME) + " failed");
  }

  @Test
  void theFailedConditionDecidesAndExplains() {
    // the test plays the Job controller; the simulator leaves Jobs with a failed count alone
    MeasurementRequest request = request("smoke-test", Map.of());
    Map<String, String> metadata = provider.measure(request).metadata();
    String name = metadata.get(JobProvider.JOB_NAME);

    patchStatus(name, "{\"status\":{\"failed\":1,\"active\":1}}");
    assertThat(provider.resume(request, metadata).state())
        .as("a failed pod that backoffLimit lets the Job retry").isEqualTo(State.RUNNING);

    patchStatus(name, "{\"status\":{\"failed\":2,\"active\":0,\"conditions\":[{\"type\":"
        + "\"Failed\",\"status\":\"True\",\"reason\":\"BackoffLimitExceeded\","
        + "\"message\":\"Job has reached the specified backoff limit\"}]}}");
    MeasurementResult done = provider.resume(request, metadata);
    assertThat(done.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(done.message()).isEqualTo("Job " + name
        + " failed: BackoffLimitExceeded: Job has reached the specified backoff limit");
  }

  @Test
  void terminateDeletesTheJobAndItsPod() {
    MeasurementRequest request = request("smoke-test", Map.of());
    Map<String, String> metadata = provider.measure(request).metadata();
    String name = metadata.get(JobProvider.JOB_NAME);
    awaitPods(name, pods -> !pods.isEmpty());

    provider.terminate(request, metadata);

    assertThat(job(name)).isNull();
    awaitPods(name, List::isEmpty);
    provider.terminate(request, metadata); // already gone: nothing to do
  }

  @Test
  void aJobDeletedBehindRampsBackIsAnError() {
    MeasurementRequest request = request("smoke-test", Map.of());
    Map<String, String> metadata = provider.measure(request).metadata();
    String name = metadata.get(JobProvider.JOB_NAME);

    client.batch().v1().jobs().inNamespace(Requests.NAMESPACE).withName(name).delete();

    MeasurementResult result = provider.resume(request, metadata);
    assertThat(result.state()).isEqualTo(State.ERROR);
    assertThat(result.message()).isEqualTo("Job " + name + " no longer exists");
  }

  @Test
  void jobNamesAreDnsLabelsOfAtMost63Characters() {
    assertThat(JobProvider.jobName("run-1", "Error_Rate.P99"))
        .matches("run-1-error-rate-p99-[a-z0-9]{5}");
    String owner = "checkout-" + "x".repeat(60);
    assertThat(JobProvider.jobName(owner, "smoke")).hasSize(63)
        .matches(owner.substring(0, 57) + "-[a-z0-9]{5}");
    // cut right after a dash: the dash goes, the name stays a valid DNS label
    String cutAtDash = "y".repeat(56);
    assertThat(JobProvider.jobName(cutAtDash, "smoke")).matches(cutAtDash + "-[a-z0-9]{5}");
  }

  private MeasurementRequest request(String metric, Map<String, String> podAnnotations) {
    JobSpec spec = new JobSpecBuilder().withBackoffLimit(1)
        .withNewTemplate()
        .withNewMetadata().withAnnotations(podAnnotations).endMetadata()
        .withNewSpec().withRestartPolicy("Never")
        .addNewContainer().withName("check").withImage("curlimages/curl")
        .withArgs("-sf", "http://checkout-canary/health").endContainer()
        .endSpec().endTemplate().build();
    return Requests.job(metric, spec, run);
  }

  private Job job(String name) {
    return client.batch().v1().jobs().inNamespace(Requests.NAMESPACE).withName(name).get();
  }

  private void patchStatus(String job, String status) {
    client.batch().v1().jobs().inNamespace(Requests.NAMESPACE).withName(job).subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), status);
  }

  private MeasurementResult awaitDone(MeasurementRequest request, Map<String, String> metadata) {
    return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .until(() -> provider.resume(request, metadata), result -> result.state() == State.DONE);
  }

  private void awaitPods(String job, Predicate<List<Pod>> condition) {
    Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .until(() -> client.pods().inNamespace(Requests.NAMESPACE).list().getItems().stream()
            .filter(pod -> pod.getMetadata().getName().startsWith(job + "-")).toList(), condition);
  }
}
