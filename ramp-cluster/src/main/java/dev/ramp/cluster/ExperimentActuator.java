package dev.ramp.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.RampLabels;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.experiment.Experiment;
import dev.ramp.engine.experiment.ExperimentAction;
import dev.ramp.engine.experiment.ExperimentPods;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies an experiment's actions through the cluster port: everything it creates is owned by
 * the experiment (and goes with it), and is handled by the same installation of Ramp.
 */
public final class ExperimentActuator {
  private final ClusterObjects objects;

  public ExperimentActuator(ClusterObjects objects) {
    this.objects = objects;
  }

  public void apply(Experiment experiment, List<ExperimentAction> actions) {
    actions.forEach(action -> apply(experiment, action));
  }

  /** Java 17 has no exhaustive switch over a sealed type: an action not handled is refused. */
  private void apply(Experiment experiment, ExperimentAction action) {
    String ns = experiment.getMetadata().getNamespace();
    if (action instanceof ExperimentAction.CreateReplicaSet create) {
      ReplicaSet rs = new ReplicaSet();
      rs.setMetadata(owned(experiment, create.name(), create.labels()));
      rs.setSpec(create.spec());
      objects.createOrFind(ObjectJson.of(rs));
    } else if (action instanceof ExperimentAction.ScaleReplicaSet scale) {
      objects.patch(Kinds.replicaSet(ns, scale.name()), spec("replicas", scale.replicas()));
    } else if (action instanceof ExperimentAction.CreateService create) {
      Service service = new ServiceBuilder()
          .withMetadata(owned(experiment, create.name(), Map.of()))
          .withNewSpec().withSelector(create.selector()).withPorts(create.ports()).endSpec()
          .build();
      objects.createOrFind(ObjectJson.of(service));
    } else if (action instanceof ExperimentAction.DeleteService delete) {
      objects.delete(Kinds.service(ns, delete.name()));
    } else if (action instanceof ExperimentAction.CreateAnalysisRun create) {
      AnalysisRun run = new AnalysisRun();
      run.setMetadata(owned(experiment, create.name(), Map.of()));
      run.setSpec(create.spec());
      objects.createOrFind(ObjectJson.of(run));
    } else if (action instanceof ExperimentAction.TerminateAnalysisRun terminate) {
      objects.patch(Kinds.analysisRun(ns, terminate.name()), spec("terminate", true));
    } else {
      throw new IllegalArgumentException("unknown action " + action);
    }
  }

  /**
   * Metadata of an object the experiment owns, labelled with the experiment's name and its
   * installation of Ramp (no label: no instance id).
   */
  private static ObjectMeta owned(Experiment experiment, String name, Map<String, String> labels) {
    Map<String, String> all = new LinkedHashMap<>(labels);
    all.put(ExperimentPods.EXPERIMENT, experiment.getMetadata().getName());
    Map<String, String> own = experiment.getMetadata().getLabels();
    if (own != null && own.containsKey(RampLabels.INSTANCE_ID)) {
      all.put(RampLabels.INSTANCE_ID, own.get(RampLabels.INSTANCE_ID));
    }
    return new ObjectMetaBuilder().withName(name)
        .withNamespace(experiment.getMetadata().getNamespace()).withLabels(all)
        .addToOwnerReferences(new OwnerReferenceBuilder()
            .withApiVersion(HasMetadata.getApiVersion(Experiment.class))
            .withKind(HasMetadata.getKind(Experiment.class))
            .withName(experiment.getMetadata().getName())
            .withUid(experiment.getMetadata().getUid())
            .withController(true).withBlockOwnerDeletion(true).build())
        .build();
  }

  private static ObjectNode spec(String field, Object value) {
    ObjectNode patch = ObjectJson.object();
    patch.set("spec", ObjectJson.of(Map.of(field, value)));
    return patch;
  }
}
