package dev.ramp.controller.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Optional;

/**
 * Writes a rollout's status in one JSON patch that replaces the whole status and states the
 * resourceVersion it was decided on: if anything changed the rollout meanwhile (a person asking
 * to promote, say), the API server refuses the write with a conflict and the rollout is decided
 * again on fresh data.
 */
final class StatusWriter {
  private final KubernetesClient client;

  StatusWriter(KubernetesClient client) {
    this.client = client;
  }

  /** Writes the status if it changed; returns the updated rollout, or empty if unchanged. */
  Optional<Rollout> write(Rollout rollout, RolloutStatus status) {
    JsonNode before = PatchJson.tree(rollout.getStatus() == null ? new RolloutStatus()
        : rollout.getStatus());
    JsonNode after = PatchJson.tree(status);
    if (before.equals(after)) {
      return Optional.empty();
    }
    ArrayNode patch = JsonNodeFactory.instance.arrayNode();
    patch.addObject().put("op", "replace").put("path", "/metadata/resourceVersion")
        .put("value", rollout.getMetadata().getResourceVersion());
    patch.addObject().put("op", "add").put("path", "/status").set("value", after);
    return Optional.of(client.resources(Rollout.class)
        .inNamespace(rollout.getMetadata().getNamespace())
        .withName(rollout.getMetadata().getName())
        .subresource("status")
        .patch(PatchContext.of(PatchType.JSON), PatchJson.of(patch)));
  }
}
