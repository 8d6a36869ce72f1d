package dev.ramp.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.cluster.ObjectJson;
import dev.ramp.cluster.routing.RouterKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.function.Consumer;

/** Router objects of other projects' kinds as a person reads and edits them with kubectl. */
final class RouterObjectsByHand {
  private RouterObjectsByHand() {}

  /** The object as JSON, or null when there is none. */
  static ObjectNode get(Cluster cluster, RouterKind kind, String name) {
    GenericKubernetesResource found = objects(cluster, kind).withName(name).get();
    return found == null ? null : ObjectJson.of(found);
  }

  /** Changes the object, as {@code kubectl edit} does. */
  static void edit(Cluster cluster, RouterKind kind, String name, Consumer<ObjectNode> edit) {
    ObjectNode object = get(cluster, kind, name);
    edit.accept(object);
    objects(cluster, kind).resource(ObjectJson.as(object, GenericKubernetesResource.class))
        .update();
  }

  /**
   * Makes Ramp look at the rollout now rather than at its next periodic check (as any change
   * to the rollout does), so that a test need not wait for it.
   */
  static void nudge(Cluster cluster, String rollout) {
    cluster.patch(rollout, "{\"metadata\":{\"annotations\":{\"nudged\":\""
        + System.nanoTime() + "\"}}}");
  }

  private static NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> objects(Cluster cluster, RouterKind kind) {
    return cluster.client.genericKubernetesResources(kind.apiVersion(), kind.kind())
        .inNamespace(Cluster.NS);
  }
}
