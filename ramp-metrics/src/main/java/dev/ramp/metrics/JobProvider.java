package dev.ramp.metrics;

import dev.ramp.api.analysis.Metric;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.ScalableResource;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the metric's Job and judges the measurement by how it ends: Successful when the Job
 * completes, Failed when it fails. Only the Job's {@code Complete} and {@code Failed} conditions
 * count: they are the Job controller's verdict, after the retries {@code backoffLimit} allows,
 * whereas {@code status.failed} counts pods that may still be retried.
 */
public final class JobProvider implements MetricProvider {
  /** The key of a running measurement's metadata that holds its Job's name. */
  public static final String JOB_NAME = "job-name";
  /** On Jobs: the UID of the AnalysisRun that started them. */
  public static final String RUN_UID_LABEL = "ramp.dev/analysis-run-uid";
  /** On Jobs: the name of the metric they measure (names need not be valid label values). */
  public static final String METRIC_ANNOTATION = "ramp.dev/metric";

  /** Pods carry their Job's name in a label, so a Job name may be 63 characters at most. */
  private static final int MAX_NAME_LENGTH = 63;
  /** Like Kubernetes' generateName: no vowels, so no words. */
  private static final String SUFFIX_CHARS = "bcdfghjklmnpqrstvwxz2456789";
  private static final int SUFFIX_LENGTH = 5;

  private final KubernetesClient client;

  public JobProvider(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public MeasurementResult measure(MeasurementRequest request) {
    Metric metric = request.metric();
    String name = jobName(request.owner().getName(), metric.name);
    Job job = new JobBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(request.namespace())
        .addToOwnerReferences(request.owner())
        .addToLabels(RUN_UID_LABEL, request.owner().getUid())
        .addToAnnotations(METRIC_ANNOTATION, metric.name)
        .endMetadata()
        // a copy: the metric's spec is the template for every measurement
        .withSpec(client.getKubernetesSerialization().clone(metric.provider.job.spec))
        .build();
    try {
      jobs(request).resource(job).create();
    } catch (KubernetesClientException e) {
      return MeasurementResult.error("could not create Job " + name + ": " + reason(e));
    }
    return MeasurementResult.running(Map.of(JOB_NAME, name));
  }

  @Override
  public MeasurementResult resume(MeasurementRequest request, Map<String, String> metadata) {
    String name = metadata.get(JOB_NAME);
    if (name == null) {
      return MeasurementResult.error("the measurement has no Job to follow");
    }
    Job job;
    try {
      job = jobs(request).withName(name).get();
    } catch (KubernetesClientException e) {
      return MeasurementResult.error("could not read Job " + name + ": " + reason(e));
    }
    if (job == null) {
      return MeasurementResult.error("Job " + name + " no longer exists");
    }
    return outcome(job).orElse(MeasurementResult.running(metadata));
  }

  /**
   * How the Job ended, as a judged measurement (Successful or Failed, with a message naming the
   * Job), or empty while it runs. Also how a rollout's pre-release hook judges its Job.
   */
  public static Optional<MeasurementResult> outcome(Job job) {
    String name = job.getMetadata().getName();
    if (condition(job, "Complete").isPresent()) {
      return Optional.of(MeasurementResult.judged(MeasurementResult.Verdict.SUCCESSFUL,
          "Job " + name + " succeeded"));
    }
    return condition(job, "Failed").map(failed -> MeasurementResult.judged(
        MeasurementResult.Verdict.FAILED, "Job " + name + " failed" + explanation(failed)));
  }

  /**
   * Deletes the Job and, in the background, its pods; a Job already gone is fine.
   *
   * @throws KubernetesClientException when the API server refuses or cannot be reached
   */
  @Override
  public void terminate(MeasurementRequest request, Map<String, String> metadata) {
    String name = metadata.get(JOB_NAME);
    if (name != null) {
      jobs(request).withName(name).withPropagationPolicy(DeletionPropagation.BACKGROUND)
          .delete();
    }
  }

  /** {@code <owner>-<metric>-<5 random>}, made a valid DNS label of at most 63 characters. */
  static String jobName(String owner, String metric) {
    String prefix = (owner + "-" + metric).toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9-]+", "-");
    prefix = prefix.substring(0, Math.min(prefix.length(), MAX_NAME_LENGTH - SUFFIX_LENGTH - 1))
        .replaceAll("-+$", "");
    StringBuilder name = new StringBuilder(prefix).append('-');
    for (int i = 0; i < SUFFIX_LENGTH; i++) {
      name.append(SUFFIX_CHARS.charAt(ThreadLocalRandom.current().nextInt(SUFFIX_CHARS.length())));
    }
    return name.toString();
  }

  private NonNamespaceOperation<Job, JobList, ScalableResource<Job>> jobs(
      MeasurementRequest request) {
    return client.batch().v1().jobs().inNamespace(request.namespace());
  }

  private static Optional<JobCondition> condition(Job job, String type) {
    return job.getStatus() == null || job.getStatus().getConditions() == null ? Optional.empty()
        : job.getStatus().getConditions().stream()
            .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
  }

  /** ": reason: message", with whichever of the two the Job controller wrote. */
  private static String explanation(JobCondition failed) {
    String why = Stream.of(failed.getReason(), failed.getMessage())
        .filter(text -> text != null && !text.isBlank()).collect(Collectors.joining(": "));
    return why.isEmpty() ? "" : ": " + why;
  }

  private static String reason(KubernetesClientException e) {
    return e.getStatus() != null && e.getStatus().getMessage() != null
        ? e.getStatus().getMessage() : e.getMessage();
  }
}
