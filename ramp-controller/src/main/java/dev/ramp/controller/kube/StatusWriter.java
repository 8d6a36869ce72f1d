package dev.ramp.controller.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Optional;

/**
 * Writes a custom resource's status in one JSON patch that replaces the whole status and states
 * the resourceVersion it was decided on: if anything changed the object meanwhile (a person
 * asking to promote, say), the API server refuses the write with a conflict (409) and the object
 * is decided again on fresh data.
 */
public final class StatusWriter {
  private final KubernetesClient client;

  public StatusWriter(KubernetesClient client) {
    this.client = client;
  }

  /** Writes the status if it changed; returns the updated object, or empty if unchanged. */
  @SuppressWarnings("unchecked")
  public <S, R extends CustomResource<?, S>> Optional<R> write(R resource, S status) {
    JsonNode before = resource.getStatus() == null ? JsonNodeFactory.instance.objectNode()
        : PatchJson.tree(resource.getStatus());
    JsonNode after = PatchJson.tree(status);
    if (before.equals(after)) {
      return Optional.empty();
    }
    ArrayNode patch = JsonNodeFactory.instance.arrayNode();
    patch.addObject().put("op", "replace").put("path", "/metadata/resourceVersion")
        .put("value", resource.getMetadata().getResourceVersion());
    patch.addObject().put("op", "add").put("path", "/status").set("value", after);
    return Optional.of(client.resources((Class<R>) resource.getClass())
        .inNamespace(resource.getMetadata().getNamespace())
        .withName(resource.getMetadata().getName())
        .subresource("status")
        .patch(PatchContext.of(PatchType.JSON), PatchJson.of(patch)));
  }
}
