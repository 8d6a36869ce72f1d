package dev.ramp.cli.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The containers of a pod template, and their images. */
public final class Images {
  private Images() {}

  /** Init containers first, as the pod starts them. */
  public static List<Container> containers(PodTemplateSpec template) {
    List<Container> containers = new ArrayList<>();
    if (template != null && template.getSpec() != null) {
      containers.addAll(template.getSpec().getInitContainers());
      containers.addAll(template.getSpec().getContainers());
    }
    return containers;
  }

  /** "app=example/checkout:v2, sidecar=envoy:1.30". */
  public static String of(PodTemplateSpec template) {
    return containers(template).stream().map(c -> c.getName() + "=" + c.getImage())
        .collect(Collectors.joining(", "));
  }
}
