package dev.ramp.engine.experiment;

import dev.ramp.api.RampLabels;
import dev.ramp.api.experiment.Experiment;
import dev.ramp.api.experiment.ExperimentTemplate;
import dev.ramp.engine.Copies;
import dev.ramp.engine.workload.PodTemplates;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pods of one experiment template: its ReplicaSet and Service. The pods carry the
 * experiment's and the template's names, so their pod-template-hash differs from a Rollout's
 * ReplicaSet of the same template and no Rollout's Service pinned to a hash selects them.
 */
public final class ExperimentPods {
  /** On an experiment's ReplicaSets, pods and AnalysisRuns: the experiment's name. */
  public static final String EXPERIMENT = "ramp.dev/experiment";

  /** On an experiment's ReplicaSets and pods: the template's name. */
  public static final String TEMPLATE = "ramp.dev/experiment-template";

  private final Experiment experiment;
  private final ExperimentTemplate template;
  private final PodTemplateSpec pods;

  public ExperimentPods(Experiment experiment, ExperimentTemplate template) {
    this.experiment = experiment;
    this.template = template;
    this.pods = pods(experiment, template);
  }

  public static String replicaSetName(Experiment experiment, String template) {
    return experiment.getMetadata().getName() + "-" + template;
  }

  public String templateName() {
    return template.name;
  }

  public String replicaSetName() {
    return replicaSetName(experiment, template.name);
  }

  /**
   * The Service's name, or null when the template has none: it has one when it asks for one,
   * or when it has a {@code weight} (as in Argo Rollouts: a router sends that share to it).
   */
  public String serviceName() {
    if (!hasService(template)) {
      return null;
    }
    return template.service != null && template.service.name != null ? template.service.name
        : replicaSetName();
  }

  static boolean hasService(ExperimentTemplate template) {
    return template.service != null || template.weight != null;
  }

  public int replicas() {
    return template.replicas == null ? 1 : template.replicas;
  }

  public String hash() {
    return pods.getMetadata().getLabels().get(RampLabels.POD_TEMPLATE_HASH);
  }

  /** The labels that select exactly these pods. */
  public Map<String, String> selector() {
    return Map.of(EXPERIMENT, experiment.getMetadata().getName(), TEMPLATE, template.name,
        RampLabels.POD_TEMPLATE_HASH, hash());
  }

  public ReplicaSetSpec replicaSetSpec(int replicas) {
    ReplicaSetSpec spec = new ReplicaSetSpec();
    spec.setReplicas(replicas);
    LabelSelector selector = Copies.of(template.selector);
    Map<String, String> matchLabels = new LinkedHashMap<>(selector.getMatchLabels() == null
        ? Map.of() : selector.getMatchLabels());
    matchLabels.putAll(selector());
    selector.setMatchLabels(matchLabels);
    spec.setSelector(selector);
    spec.setTemplate(pods);
    return spec;
  }

  /** The Service's ports: the containers' ports, each as itself. */
  public List<ServicePort> ports() {
    return pods.getSpec().getContainers().stream()
        .flatMap(container -> container.getPorts().stream())
        .map(port -> new ServicePortBuilder().withName(port.getName())
            .withProtocol(port.getProtocol()).withPort(port.getContainerPort())
            .withNewTargetPort(port.getContainerPort()).build())
        .toList();
  }

  private static PodTemplateSpec pods(Experiment experiment, ExperimentTemplate template) {
    PodTemplateSpec pods = Copies.of(template.template);
    if (pods.getMetadata() == null) {
      pods.setMetadata(new ObjectMeta());
    }
    ObjectMeta meta = pods.getMetadata();
    Map<String, String> labels = new LinkedHashMap<>(meta.getLabels() == null ? Map.of()
        : meta.getLabels());
    Map<String, String> annotations = new LinkedHashMap<>(meta.getAnnotations() == null
        ? Map.of() : meta.getAnnotations());
    if (template.metadata != null) {
      if (template.metadata.getLabels() != null) {
        labels.putAll(template.metadata.getLabels());
      }
      if (template.metadata.getAnnotations() != null) {
        annotations.putAll(template.metadata.getAnnotations());
      }
    }
    labels.put(EXPERIMENT, experiment.getMetadata().getName());
    labels.put(TEMPLATE, template.name);
    labels.remove(RampLabels.POD_TEMPLATE_HASH);
    meta.setLabels(labels);
    meta.setAnnotations(annotations.isEmpty() ? null : annotations);
    labels.put(RampLabels.POD_TEMPLATE_HASH, PodTemplates.hash(pods));
    return pods;
  }
}
