package dev.ramp.controller.gates;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutStatus;
import dev.ramp.api.gates.GateStatus;
import dev.ramp.engine.Snapshot;
import dev.ramp.engine.gates.GateAnswer;
import dev.ramp.engine.gates.GateRecords;
import dev.ramp.engine.gates.GateTargets;
import dev.ramp.engine.spec.SpecValidator;
import dev.ramp.metrics.Secrets;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.List;

/**
 * Asks the gates and hooks that are due (as {@link GateRecords#due} reads the status) before the
 * engine decides, and hands it their answers in the snapshot. Nothing is asked for an invalid
 * spec: it is reported as such and nothing moves anyway.
 */
public final class GateAsking {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final GateCalls calls = new GateCalls();

  public Snapshot ask(Snapshot snapshot, KubernetesClient client, Instant now) {
    Rollout rollout = snapshot.rollout();
    if (!SpecValidator.check(rollout.getSpec()).isEmpty()) {
      return snapshot;
    }
    List<GateStatus> due = GateRecords.due(rollout.getSpec(), rollout.getStatus(), now);
    if (due.isEmpty()) {
      return snapshot;
    }
    Secrets secrets = Secrets.of(client);
    List<GateAnswer> answers = due.stream().map(record -> {
      GateTargets.Target target = GateTargets.of(rollout.getSpec(), record).orElseThrow();
      return target.job() != null ? HookJobs.ask(client, rollout, record, target.job())
          : calls.ask(record, target.url(), target.headers(), body(snapshot, record), secrets,
              rollout.getMetadata().getNamespace());
    }).toList();
    return snapshot.withGateAnswers(answers);
  }

  /** What the receiver is told: which rollout, revision and point, and where the release is. */
  private static ObjectNode body(Snapshot snapshot, GateStatus record) {
    Rollout rollout = snapshot.rollout();
    RolloutStatus status = rollout.getStatus();
    ObjectNode body = JSON.createObjectNode();
    body.put("name", record.name);
    body.put("namespace", rollout.getMetadata().getNamespace());
    body.put("rollout", rollout.getMetadata().getName());
    body.put("revision", record.revision);
    body.put("point", record.point);
    if (record.step != null) {
      body.put("step", record.step);
    }
    if (status.canary != null && status.canary.weight != null) {
      body.put("weight", status.canary.weight);
    }
    PodTemplateSpec template = rollout.getSpec().template != null ? rollout.getSpec().template
        : snapshot.workload() == null ? null : snapshot.workload().template();
    var images = body.putArray("images");
    if (template != null && template.getSpec() != null) {
      template.getSpec().getContainers().forEach(c -> images.add(c.getImage()));
    }
    return body;
  }
}
