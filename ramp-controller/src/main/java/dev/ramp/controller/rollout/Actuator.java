package dev.ramp.controller.rollout;

import dev.ramp.api.RampLabels;
import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.controller.kube.PatchJson;
import dev.ramp.controller.routing.TrafficRouter;
import dev.ramp.controller.routing.TrafficRouters;
import dev.ramp.engine.Action;
import dev.ramp.engine.Times;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Applies the engine's actions to the cluster. Each write sets a value with a merge patch (or
 * creates or deletes an object, where "already there", once read back, and "already gone" count
 * as done), so applying an action twice changes nothing.
 */
final class Actuator {
  private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

  private final KubernetesClient client;
  private final InformerEventSource<ReplicaSet, Rollout> replicaSets;

  /**
   * @param replicaSets the ReplicaSet cache, told about each write so that the next decision sees
   *     it even before the watch delivers it
   */
  Actuator(KubernetesClient client, InformerEventSource<ReplicaSet, Rollout> replicaSets) {
    this.client = client;
    this.replicaSets = replicaSets;
  }

  /**
   * Applies the plan's actions in order; consecutive route changes go to the traffic router
   * together, so each object it edits is written once.
   *
   * @param doing told what is being applied, before it is
   */
  void apply(Rollout rollout, List<Action> actions, Consumer<String> doing) {
    List<Action.RouteChange> routeChanges = new ArrayList<>();
    for (Action action : actions) {
      if (action instanceof Action.RouteChange change) {
        routeChanges.add(change);
        continue;
      }
      applyRouteChanges(rollout, routeChanges, doing);
      doing.accept("applying " + action.getClass().getSimpleName());
      apply(rollout, action);
    }
    applyRouteChanges(rollout, routeChanges, doing);
  }

  private void applyRouteChanges(Rollout rollout, List<Action.RouteChange> changes,
      Consumer<String> doing) {
    if (changes.isEmpty()) {
      return;
    }
    doing.accept("applying " + changes.stream().map(c -> c.getClass().getSimpleName())
        .collect(Collectors.joining(", ")));
    router(rollout).apply(rollout, List.copyOf(changes));
    changes.clear();
  }

  private void apply(Rollout rollout, Action action) {
    String ns = rollout.getMetadata().getNamespace();
    if (action instanceof Action.CreateReplicaSet create) {
      createReplicaSet(rollout, create);
    } else if (action instanceof Action.AdoptReplicaSet adopt) {
      adoptReplicaSet(rollout, adopt);
    } else if (action instanceof Action.ScaleReplicaSet scale) {
      patchReplicaSet(ns, scale.name(), Map.of("spec", Map.of("replicas", scale.replicas())));
    } else if (action instanceof Action.SetScaleDownDeadline deadline) {
      annotate(ns, deadline.name(), RampLabels.SCALE_DOWN_DEADLINE,
          deadline.deadline() == null ? null : Times.format(deadline.deadline()));
    } else if (action instanceof Action.SetRevision revision) {
      annotate(ns, revision.name(), RampLabels.REVISION, Long.toString(revision.revision()));
    } else if (action instanceof Action.DeleteReplicaSet delete) {
      client.apps().replicaSets().inNamespace(ns).withName(delete.name()).delete();
    } else if (action instanceof Action.PinService pin) {
      client.services().inNamespace(ns).withName(pin.service()).patch(MERGE, json(
          Map.of("spec", Map.of("selector", Map.of(RampLabels.POD_TEMPLATE_HASH, pin.hash())))));
    } else if (action instanceof Action.DeletePod pod) {
      client.pods().inNamespace(ns).withName(pod.name()).delete();
    } else if (action instanceof Action.ScaleDeployment scale) {
      client.apps().deployments().inNamespace(ns).withName(scale.name())
          .patch(MERGE, json(Map.of("spec", Map.of("replicas", scale.replicas()))));
    } else if (action instanceof Action.CreateAnalysisRun create) {
      createAnalysisRun(rollout, create);
    } else if (action instanceof Action.TerminateAnalysisRun terminate) {
      client.resources(AnalysisRun.class).inNamespace(ns).withName(terminate.name())
          .patch(MERGE, json(Map.of("spec", Map.of("terminate", true))));
    } else {
      throw new IllegalArgumentException("unknown action " + action);
    }
  }

  private void createReplicaSet(Rollout rollout, Action.CreateReplicaSet create) {
    LabelSelector selector = create.selector();
    PodTemplateSpec template = client.getKubernetesSerialization().clone(create.template());
    Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
    labels.put(RampLabels.POD_TEMPLATE_HASH, create.hash());
    template.getMetadata().setLabels(labels);
    Map<String, String> matchLabels = new LinkedHashMap<>();
    if (selector.getMatchLabels() != null) {
      matchLabels.putAll(selector.getMatchLabels());
    }
    matchLabels.put(RampLabels.POD_TEMPLATE_HASH, create.hash());
    ReplicaSet rs = new ReplicaSetBuilder()
        .withNewMetadata()
        .withName(create.name())
        .withNamespace(rollout.getMetadata().getNamespace())
        .withLabels(labels)
        .addToAnnotations(RampLabels.REVISION, Long.toString(create.revision()))
        .withOwnerReferences(ownerReference(rollout))
        .endMetadata()
        .withNewSpec()
        .withReplicas(create.replicas())
        .withSelector(new LabelSelectorBuilder().withMatchLabels(matchLabels)
            .withMatchExpressions(selector.getMatchExpressions()).build())
        .withTemplate(template)
        .endSpec()
        .build();
    ReplicaSet created = createOrFind(client.apps().replicaSets().resource(rs));
    replicaSets.handleRecentResourceCreate(ResourceID.fromResource(created), created);
  }

  /**
   * Adds the rollout as the ReplicaSet's controller, keeping its other owners and its labels. The
   * patch carries the resourceVersion the decision saw, so a ReplicaSet that changed meanwhile
   * (another controller may have adopted it) is not taken: the conflict fails this reconcile.
   */
  private void adoptReplicaSet(Rollout rollout, Action.AdoptReplicaSet adopt) {
    String ns = rollout.getMetadata().getNamespace();
    ReplicaSet seen = replicaSets.get(new ResourceID(adopt.name(), ns)).orElseThrow(() ->
        new IllegalStateException("ReplicaSet " + adopt.name() + " to adopt is not cached"));
    List<OwnerReference> owners = new ArrayList<>(seen.getMetadata().getOwnerReferences());
    owners.add(ownerReference(rollout));
    patchReplicaSet(ns, adopt.name(), Map.of("metadata", Map.of(
        "resourceVersion", seen.getMetadata().getResourceVersion(),
        "ownerReferences", owners,
        "annotations", Map.of(RampLabels.REVISION, Long.toString(adopt.revision())))));
  }

  /**
   * Creates the object, or finds it when the API server answers that it is already there (the
   * answer to an earlier create may have been lost). A conflict about an object that is not
   * there is not taken for done: it fails this reconcile, which is retried.
   */
  private static <T extends HasMetadata> T createOrFind(Resource<T> resource) {
    try {
      return resource.create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      T existing = resource.get();
      if (existing == null) {
        throw e;
      }
      return existing;
    }
  }

  private TrafficRouter router(Rollout rollout) {
    return TrafficRouters.of(client, rollout).orElseThrow(() ->
        new IllegalStateException("a traffic action for a rollout without trafficRouting"));
  }

  private void createAnalysisRun(Rollout rollout, Action.CreateAnalysisRun create) {
    AnalysisRun run = new AnalysisRun();
    run.setMetadata(new ObjectMetaBuilder()
        .withName(create.name())
        .withNamespace(rollout.getMetadata().getNamespace())
        .addToLabels(RampLabels.ROLLOUT, rollout.getMetadata().getName())
        .addToLabels(RampLabels.REVISION_HASH, create.revision())
        .addToLabels(RampLabels.ANALYSIS, create.kind())
        // handled by the same installation of Ramp as its rollout (no label: no instance id)
        .addToLabels(RampLabels.INSTANCE_ID, rollout.getMetadata().getLabels() == null ? null
            : rollout.getMetadata().getLabels().get(RampLabels.INSTANCE_ID))
        .withOwnerReferences(ownerReference(rollout))
        .build());
    run.setSpec(create.spec());
    createOrFind(client.resources(AnalysisRun.class).resource(run));
  }

  private static OwnerReference ownerReference(Rollout rollout) {
    return new OwnerReferenceBuilder()
        .withApiVersion(rollout.getApiVersion()).withKind(rollout.getKind())
        .withName(rollout.getMetadata().getName()).withUid(rollout.getMetadata().getUid())
        .withController(true).withBlockOwnerDeletion(true).build();
  }

  private void annotate(String ns, String replicaSet, String key, String value) {
    Map<String, Object> annotations = new HashMap<>();
    annotations.put(key, value); // a null value removes the annotation
    patchReplicaSet(ns, replicaSet, Map.of("metadata", Map.of("annotations", annotations)));
  }

  private void patchReplicaSet(String ns, String name, Map<String, Object> patch) {
    ResourceID id = new ResourceID(name, ns);
    ReplicaSet updated = client.apps().replicaSets().inNamespace(ns).withName(name)
        .patch(MERGE, json(patch));
    replicaSets.get(id).ifPresent(previous ->
        replicaSets.handleRecentResourceUpdate(id, updated, previous));
  }

  private static String json(Object value) {
    return PatchJson.of(value);
  }
}
