package dev.ramp.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutStatus;
import dev.ramp.api.notifications.Delivery;
import io.fabric8.kubernetes.api.model.Container;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a template can name: {@code rollout} (the Rollout as a map, as Argo Rollouts'
 * {@code .rollout}), {@code namespace}, {@code name}, {@code revision}, {@code images},
 * {@code image} and {@code version} (the first image and its tag), {@code step} and
 * {@code steps}, {@code weight}, {@code phase}, {@code verdict}, {@code trigger} and
 * {@code dashboardUrl}. Step, weight and verdict are those of the moment the trigger fired.
 */
public final class TemplateVariables {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TemplateVariables() {}

  public static Map<String, Object> of(Rollout rollout, Delivery delivery, String dashboardUrl) {
    RolloutStatus status = rollout.getStatus() == null ? new RolloutStatus() : rollout.getStatus();
    List<String> images = images(rollout);
    String image = images.isEmpty() ? "" : images.get(0);
    Map<String, Object> variables = new HashMap<>();
    variables.put("rollout", JSON.convertValue(rollout, Map.class));
    variables.put("namespace", rollout.getMetadata().getNamespace());
    variables.put("name", rollout.getMetadata().getName());
    variables.put("revision", Objects.requireNonNullElse(delivery.revision, ""));
    variables.put("images", images);
    variables.put("imagesJson", json(images));
    variables.put("image", image);
    variables.put("version", version(image));
    variables.put("step", Objects.requireNonNullElse(delivery.step, 0));
    variables.put("steps", steps(rollout));
    variables.put("weight", Objects.requireNonNullElse(delivery.weight, 0));
    variables.put("phase", Objects.requireNonNullElse(status.phase, ""));
    variables.put("verdict", Objects.requireNonNullElse(delivery.verdict, ""));
    variables.put("trigger", delivery.trigger);
    variables.put("dashboardUrl", Objects.requireNonNullElse(dashboardUrl, ""));
    return variables;
  }

  private static List<String> images(Rollout rollout) {
    if (rollout.getSpec() == null || rollout.getSpec().template == null
        || rollout.getSpec().template.getSpec() == null) {
      return List.of();
    }
    return rollout.getSpec().template.getSpec().getContainers().stream()
        .map(Container::getImage).filter(Objects::nonNull).toList();
  }

  /** The image's tag ({@code v42} of {@code example/checkout:v42}), or the image without one. */
  private static String version(String image) {
    int colon = image.lastIndexOf(':');
    return colon > image.lastIndexOf('/') ? image.substring(colon + 1) : image;
  }

  private static int steps(Rollout rollout) {
    var spec = rollout.getSpec();
    if (spec == null || spec.strategy == null || spec.strategy.canary == null
        || spec.strategy.canary.steps == null) {
      return 0;
    }
    return spec.strategy.canary.steps.size();
  }

  private static String json(List<String> images) {
    try {
      return JSON.writeValueAsString(images);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
