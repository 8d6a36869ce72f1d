package dev.ramp.controller.gates;

import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.JobMetric;
import dev.ramp.api.gates.GateStatus;
import dev.ramp.engine.gates.GateAnswer;
import dev.ramp.engine.gates.GateAnswer.Verdict;
import dev.ramp.metrics.JobProvider;
import dev.ramp.metrics.MeasurementResult;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Locale;

/**
 * Runs a pre-release hook's Job: one per hook and revision, named after both so that asking
 * again (after a restart too) finds it rather than starting another; it succeeds or fails as the
 * Job metric provider judges its Job.
 */
final class HookJobs {
  /** Pods carry their Job's name in a label: 63 characters at most. */
  private static final int MAX_NAME_LENGTH = 63;
  static final String HOOK_LABEL = "ramp.dev/hook";

  private HookJobs() {}

  static GateAnswer ask(KubernetesClient client, Rollout rollout, GateStatus record,
      JobMetric job) {
    String namespace = rollout.getMetadata().getNamespace();
    String name = name(rollout.getMetadata().getName(), record.revision, record.name);
    var jobs = client.batch().v1().jobs().inNamespace(namespace);
    try {
      Job existing = jobs.withName(name).get();
      if (existing == null) {
        jobs.resource(new JobBuilder()
            .withNewMetadata().withName(name).withNamespace(namespace)
            .addToOwnerReferences(new OwnerReferenceBuilder()
                .withApiVersion(rollout.getApiVersion()).withKind(rollout.getKind())
                .withName(rollout.getMetadata().getName())
                .withUid(rollout.getMetadata().getUid()).build())
            .addToLabels(HOOK_LABEL, record.name)
            .endMetadata()
            .withSpec(client.getKubernetesSerialization().clone(job.spec))
            .build()).create();
        return GateAnswer.to(record, Verdict.NOT_YET, "Job " + name + " started");
      }
      return JobProvider.outcome(existing)
          .map(outcome -> GateAnswer.to(record,
              outcome.verdict() == MeasurementResult.Verdict.SUCCESSFUL ? Verdict.YES
                  : Verdict.NO, outcome.message()))
          .orElse(GateAnswer.to(record, Verdict.NOT_YET, "Job " + name + " is running"));
    } catch (KubernetesClientException e) {
      return GateAnswer.to(record, Verdict.NOT_YET, "Job " + name + " could not be read or"
          + " created (" + e.getCode() + "): asking again");
    }
  }

  /** {@code <rollout>-<revision>-<hook>}, made a valid DNS label of at most 63 characters. */
  static String name(String rollout, String revision, String hook) {
    String name = (rollout + "-" + revision + "-" + hook).toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9-]+", "-");
    return name.substring(0, Math.min(name.length(), MAX_NAME_LENGTH)).replaceAll("-+$", "");
  }
}
