package dev.ramp.controller.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.Rollout;
import dev.ramp.cluster.ClusterObjects;
import dev.ramp.cluster.Kinds;
import dev.ramp.cluster.ObjectJson;
import dev.ramp.cluster.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.net.HttpURLConnection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Kubernetes API as Ramp's {@link ClusterObjects}. A ReplicaSet it writes is handed to the
 * ReplicaSet cache too, so that the next decision sees the write even before the watch delivers
 * it.
 */
public final class KubernetesObjects implements ClusterObjects {
  private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);
  /**
   * CRDs seen installed, by API server (they are not expected to go away while Ramp runs; a
   * process that talks to several clusters, such as a test run, must not mix them up).
   */
  private static final Set<String> INSTALLED = ConcurrentHashMap.newKeySet();

  private final KubernetesClient client;
  private final InformerEventSource<ReplicaSet, Rollout> replicaSets;

  /** Objects read and written through the client alone. */
  public KubernetesObjects(KubernetesClient client) {
    this(client, null);
  }

  /** @param replicaSets the ReplicaSet cache, told about each ReplicaSet written */
  public KubernetesObjects(KubernetesClient client,
      InformerEventSource<ReplicaSet, Rollout> replicaSets) {
    this.client = client;
    this.replicaSets = replicaSets;
  }

  @Override
  public ObjectNode get(ObjectKey key) {
    GenericKubernetesResource found = resource(key).get();
    return found == null ? null : ObjectJson.of(found);
  }

  @Override
  public ObjectNode create(ObjectNode object) {
    ObjectKey key = ObjectKey.of(object);
    Optional<ReplicaSet> cached = cached(key);
    try {
      return written(key, cached, resource(key, object).create());
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        throw new AlreadyExists(key + " already exists", e);
      }
      throw e;
    }
  }

  @Override
  public ObjectNode patch(ObjectKey key, ObjectNode mergePatch) {
    Optional<ReplicaSet> cached = cached(key);
    return written(key, cached, resource(key).patch(MERGE, mergePatch.toString()));
  }

  @Override
  public ObjectNode replace(ObjectNode object) {
    ObjectKey key = ObjectKey.of(object);
    Optional<ReplicaSet> cached = cached(key);
    return written(key, cached, resource(key, object).update());
  }

  @Override
  public void delete(ObjectKey key) {
    resource(key).delete();
  }

  @Override
  public boolean crdInstalled(String crdName) {
    String seen = client.getMasterUrl() + " " + crdName;
    if (INSTALLED.contains(seen)) {
      return true;
    }
    if (client.apiextensions().v1().customResourceDefinitions().withName(crdName).get() == null) {
      return false;
    }
    INSTALLED.add(seen);
    return true;
  }

  /**
   * The cached ReplicaSet a write is about to change, taken before the write: the cache is moved
   * ahead to the write's answer only while it still holds this version. Taken after the answer,
   * it could be a newer version the watch delivered meanwhile, which the answer would then
   * overwrite with an older one until the ReplicaSet next changed.
   */
  private Optional<ReplicaSet> cached(ObjectKey key) {
    return replicaSets == null || !Kinds.REPLICA_SET.equals(key.kind()) ? Optional.empty()
        : replicaSets.get(new ResourceID(key.name(), key.namespace()));
  }

  private ObjectNode written(ObjectKey key, Optional<ReplicaSet> before,
      GenericKubernetesResource written) {
    ObjectNode object = ObjectJson.of(written);
    if (replicaSets != null && Kinds.REPLICA_SET.equals(key.kind())) {
      ReplicaSet rs = ObjectJson.as(object, ReplicaSet.class);
      ResourceID id = ResourceID.fromResource(rs);
      before.ifPresentOrElse(seen -> replicaSets.handleRecentResourceUpdate(id, rs, seen),
          () -> replicaSets.handleRecentResourceCreate(id, rs));
    }
    return object;
  }

  private Resource<GenericKubernetesResource> resource(ObjectKey key) {
    return client.genericKubernetesResources(key.apiVersion(), key.kind())
        .inNamespace(key.namespace()).withName(key.name());
  }

  private Resource<GenericKubernetesResource> resource(ObjectKey key, ObjectNode object) {
    return client.genericKubernetesResources(key.apiVersion(), key.kind())
        .inNamespace(key.namespace())
        .resource(ObjectJson.as(object, GenericKubernetesResource.class));
  }
}
