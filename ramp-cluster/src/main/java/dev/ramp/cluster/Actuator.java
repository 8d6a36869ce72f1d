package dev.ramp.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.RampLabels;
import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.experiment.Experiment;
import dev.ramp.cluster.routing.RouterPlugins;
import dev.ramp.cluster.routing.TrafficRouters;
import dev.ramp.engine.Action;
import dev.ramp.engine.Times;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Turns the engine's actions into object changes, the one place that does, for the controller
 * and the virtual cluster alike ({@link ClusterObjects}). Each write sets a value with a merge
 * patch, or creates or deletes an object (where "already there", once read back, and "already
 * gone" count as done), so applying an action twice changes nothing.
 */
public final class Actuator {
  private final ClusterObjects objects;
  private final RouterPlugins plugins;

  /** An actuator that cannot reach router plugins. */
  public Actuator(ClusterObjects objects) {
    this(objects, RouterPlugins.NONE);
  }

  public Actuator(ClusterObjects objects, RouterPlugins plugins) {
    this.objects = objects;
    this.plugins = plugins;
  }

  /**
   * Applies the plan's actions in order; consecutive route changes go to the traffic router
   * together, so each object it edits is written once.
   *
   * @param doing told what is being applied, before it is
   */
  public void apply(Rollout rollout, List<Action> actions, Consumer<String> doing) {
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
    TrafficRouters.of(objects, plugins, rollout).orElseThrow(() -> new IllegalStateException(
            "a traffic action for a rollout without trafficRouting"))
        .apply(rollout, List.copyOf(changes));
    changes.clear();
  }

  /**
   * An action other than a route change. Java 17 has no exhaustive switch over a sealed type, so
   * an action not handled here is refused, and the tests that apply every action catch it.
   */
  private void apply(Rollout rollout, Action action) {
    String ns = rollout.getMetadata().getNamespace();
    if (action instanceof Action.CreateReplicaSet create) {
      createReplicaSet(rollout, create);
    } else if (action instanceof Action.AdoptReplicaSet adopt) {
      adoptReplicaSet(rollout, adopt);
    } else if (action instanceof Action.ScaleReplicaSet scale) {
      objects.patch(Kinds.replicaSet(ns, scale.name()), spec("replicas", scale.replicas()));
    } else if (action instanceof Action.SetScaleDownDeadline deadline) {
      annotate(Kinds.replicaSet(ns, deadline.name()), RampLabels.SCALE_DOWN_DEADLINE,
          deadline.deadline() == null ? null : Times.format(deadline.deadline()));
    } else if (action instanceof Action.SetRevision revision) {
      annotate(Kinds.replicaSet(ns, revision.name()), RampLabels.REVISION,
          Long.toString(revision.revision()));
    } else if (action instanceof Action.DeleteReplicaSet delete) {
      objects.delete(Kinds.replicaSet(ns, delete.name()));
    } else if (action instanceof Action.PinService pin) {
      objects.patch(Kinds.service(ns, pin.service()),
          spec("selector", Map.of(RampLabels.POD_TEMPLATE_HASH, pin.hash())));
    } else if (action instanceof Action.DeletePod pod) {
      objects.delete(Kinds.pod(ns, pod.name()));
    } else if (action instanceof Action.ScaleDeployment scale) {
      objects.patch(Kinds.deployment(ns, scale.name()), spec("replicas", scale.replicas()));
    } else if (action instanceof Action.CreateAnalysisRun create) {
      createAnalysisRun(rollout, create);
    } else if (action instanceof Action.TerminateAnalysisRun terminate) {
      objects.patch(Kinds.analysisRun(ns, terminate.name()), spec("terminate", true));
    } else if (action instanceof Action.CreateExperiment create) {
      createExperiment(rollout, create);
    } else if (action instanceof Action.TerminateExperiment terminate) {
      retireExperiment(ns, terminate.name());
    } else if (action instanceof Action.MarkCanaryWeight mark) {
      annotate(Kinds.analysisRun(ns, mark.name()), RampLabels.CANARY_WEIGHT,
          Integer.toString(mark.weight()));
    } else {
      throw new IllegalArgumentException("unknown action " + action);
    }
  }

  private void createReplicaSet(Rollout rollout, Action.CreateReplicaSet create) {
    LabelSelector selector = create.selector();
    PodTemplateSpec template = ObjectJson.as(ObjectJson.of(create.template()),
        PodTemplateSpec.class);
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
    objects.createOrFind(ObjectJson.of(rs));
  }

  /**
   * Adds the rollout as the ReplicaSet's controller, keeping its other owners and its labels. The
   * patch carries the resourceVersion read here, and a ReplicaSet that another controller has
   * taken since the decision is left alone, so Ramp never takes one away from its controller.
   */
  private void adoptReplicaSet(Rollout rollout, Action.AdoptReplicaSet adopt) {
    ObjectKey key = Kinds.replicaSet(rollout.getMetadata().getNamespace(), adopt.name());
    ObjectNode seen = objects.get(key);
    if (seen == null) {
      throw new IllegalStateException(key + " to adopt is gone");
    }
    ArrayNode owners = seen.path("metadata").path("ownerReferences") instanceof ArrayNode list
        ? list.deepCopy() : ObjectJson.object().arrayNode();
    for (JsonNode owner : owners) {
      if (owner.path("controller").asBoolean(false)) {
        if (owner.path("uid").asText().equals(rollout.getMetadata().getUid())) {
          return; // adopted already: an earlier attempt's answer was lost
        }
        throw new IllegalStateException(key + " to adopt is now controlled by "
            + owner.path("kind").asText() + " \"" + owner.path("name").asText() + "\"");
      }
    }
    owners.add(ObjectJson.of(ownerReference(rollout)));
    ObjectNode patch = ObjectJson.object();
    ObjectNode metadata = patch.putObject("metadata");
    metadata.put("resourceVersion", seen.path("metadata").path("resourceVersion").asText());
    metadata.set("ownerReferences", owners);
    metadata.putObject("annotations").put(RampLabels.REVISION, Long.toString(adopt.revision()));
    objects.patch(key, patch);
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
    objects.createOrFind(ObjectJson.of(run));
  }

  private void createExperiment(Rollout rollout, Action.CreateExperiment create) {
    Experiment experiment = new Experiment();
    experiment.setMetadata(new ObjectMetaBuilder()
        .withName(create.name())
        .withNamespace(rollout.getMetadata().getNamespace())
        .addToLabels(RampLabels.ROLLOUT, rollout.getMetadata().getName())
        .addToLabels(RampLabels.REVISION_HASH, create.revision())
        .addToLabels(RampLabels.STEP, Integer.toString(create.step()))
        .addToLabels(RampLabels.INSTANCE_ID, rollout.getMetadata().getLabels() == null ? null
            : rollout.getMetadata().getLabels().get(RampLabels.INSTANCE_ID))
        .withOwnerReferences(ownerReference(rollout))
        .build());
    experiment.setSpec(create.spec());
    objects.createOrFind(ObjectJson.of(experiment));
  }


  private static OwnerReference ownerReference(Rollout rollout) {
    return new OwnerReferenceBuilder()
        .withApiVersion(rollout.getApiVersion()).withKind(rollout.getKind())
        .withName(rollout.getMetadata().getName()).withUid(rollout.getMetadata().getUid())
        .withController(true).withBlockOwnerDeletion(true).build();
  }

  /**
   * Terminates the experiment and marks it retired in one patch, so that no restart or lost
   * write can leave Ramp's terminate looking like a person's.
   */
  private void retireExperiment(String ns, String name) {
    ObjectNode patch = spec("terminate", true);
    patch.putObject("metadata").putObject("annotations").put(RampLabels.RETIRED, "true");
    objects.patch(Kinds.experiment(ns, name), patch);
  }

  /** Sets an annotation; a null value removes it. */
  private void annotate(ObjectKey key, String annotation, String value) {
    ObjectNode patch = ObjectJson.object();
    patch.putObject("metadata").putObject("annotations").put(annotation, value);
    objects.patch(key, patch);
  }

  private static ObjectNode spec(String field, Object value) {
    ObjectNode patch = ObjectJson.object();
    patch.set("spec", ObjectJson.of(Map.of(field, value)));
    return patch;
  }
}
