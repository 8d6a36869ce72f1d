package dev.ramp.cli.actions;

import dev.ramp.api.Rollout;
import dev.ramp.cli.CliException;
import dev.ramp.cli.cluster.Images;
import dev.ramp.cli.cluster.Rollouts;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Changes container images with a JSON patch of the rollout's template: a new revision. */
@Command(name = "image", mixinStandardHelpOptions = true,
    description = "Change the image of containers (or init containers): an update starts.")
public final class SetImageCommand extends RolloutAction {
  @Parameters(index = "1..*", arity = "1..*", paramLabel = "CONTAINER=IMAGE",
      description = "The container and its new image, e.g. app=example/checkout:v2.")
  List<String> changes;

  @Override
  String act(Rollouts rollouts, Rollout rollout) {
    if (rollout.getSpec().workloadRef != null) {
      throw new CliException(rollout() + " takes its pod template from Deployment \""
          + rollout.getSpec().workloadRef.name + "\" (spec.workloadRef): set the image there");
    }
    if (rollout.getSpec().template == null || rollout.getSpec().template.getSpec() == null) {
      throw new CliException(rollout() + " has no pod template (spec.template)");
    }
    PodSpec pod = rollout.getSpec().template.getSpec();
    List<Map<String, Object>> operations = new ArrayList<>();
    List<String> done = new ArrayList<>();
    for (String change : changes) {
      int equals = change.indexOf('=');
      if (equals <= 0 || equals == change.length() - 1) {
        throw new CliException("expected CONTAINER=IMAGE, got \"" + change + "\"");
      }
      String container = change.substring(0, equals);
      String image = change.substring(equals + 1);
      String path = path(pod, container);
      if (path == null) {
        throw new CliException("container \"" + container + "\" not found in " + rollout()
            + " (containers: " + Images.containers(rollout.getSpec().template).stream()
                .map(Container::getName).collect(Collectors.joining(", ")) + ")");
      }
      operations.add(Map.of("op", "replace", "path", path, "value", image));
      done.add(container + "=" + image);
    }
    rollouts.jsonPatch(name, operations);
    return rollout() + " image updated: " + String.join(", ", done);
  }

  /** The JSON pointer to the container's image, or null when there is no such container. */
  private static String path(PodSpec pod, String container) {
    for (int i = 0; i < pod.getContainers().size(); i++) {
      if (container.equals(pod.getContainers().get(i).getName())) {
        return "/spec/template/spec/containers/" + i + "/image";
      }
    }
    for (int i = 0; i < pod.getInitContainers().size(); i++) {
      if (container.equals(pod.getInitContainers().get(i).getName())) {
        return "/spec/template/spec/initContainers/" + i + "/image";
      }
    }
    return null;
  }
}
