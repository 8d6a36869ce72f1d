package dev.ramp.engine.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The values the API server fills into a pod template left without them, taken out again, so
 * that a template as a person writes it equals the one read back from a ReplicaSet. Empty
 * objects and lists go too: the API server shows {@code resources: {}} where nothing was written.
 */
final class PodDefaults {
  private static final Map<String, String> POD = Map.of(
      "restartPolicy", "Always",
      "terminationGracePeriodSeconds", "30",
      "dnsPolicy", "ClusterFirst",
      "schedulerName", "default-scheduler");
  private static final Map<String, String> CONTAINER = Map.of(
      "terminationMessagePath", "/dev/termination-log",
      "terminationMessagePolicy", "File");
  private static final Map<String, String> PROBE = Map.of(
      "timeoutSeconds", "1",
      "periodSeconds", "10",
      "successThreshold", "1",
      "failureThreshold", "3");
  private static final String[] PROBES = {"livenessProbe", "readinessProbe", "startupProbe"};
  private static final String[] MOUNTED = {"secret", "configMap", "downwardAPI", "projected"};
  private static final String DEFAULT_MODE = "420";

  private PodDefaults() {}

  /** Removes the defaulted values from a pod template (as JSON), in place. */
  static void remove(JsonNode template) {
    JsonNode spec = template.path("spec");
    remove(spec, POD);
    for (String list : new String[] {"containers", "initContainers"}) {
      spec.path(list).forEach(PodDefaults::container);
    }
    for (JsonNode volume : spec.path("volumes")) {
      for (String source : MOUNTED) {
        remove(volume.path(source), Map.of("defaultMode", DEFAULT_MODE));
      }
    }
    prune(template);
  }

  private static void container(JsonNode container) {
    remove(container, CONTAINER);
    String image = container.path("image").asText();
    remove(container, Map.of("imagePullPolicy", pullPolicy(image)));
    container.path("ports").forEach(port -> remove(port, Map.of("protocol", "TCP")));
    for (String probe : PROBES) {
      remove(container.path(probe), PROBE);
      remove(container.path(probe).path("httpGet"), Map.of("scheme", "HTTP"));
    }
    for (JsonNode env : container.path("env")) {
      remove(env.path("valueFrom").path("fieldRef"), Map.of("apiVersion", "v1"));
    }
  }

  /** Always for an image without a tag or tagged latest, IfNotPresent otherwise. */
  private static String pullPolicy(String image) {
    if (image.contains("@")) {
      return "IfNotPresent";
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    boolean tagged = colon > slash;
    return !tagged || image.substring(colon + 1).equals("latest") ? "Always" : "IfNotPresent";
  }

  private static void remove(JsonNode node, Map<String, String> defaults) {
    if (node instanceof ObjectNode object) {
      defaults.forEach((field, value) -> {
        JsonNode present = object.get(field);
        if (present != null && present.isValueNode() && present.asText().equals(value)) {
          object.remove(field);
        }
      });
    }
  }

  /** Removes nulls, empty objects and empty lists; true when the node is empty itself. */
  private static boolean prune(JsonNode node) {
    if (!node.isContainerNode()) {
      return node.isNull();
    }
    for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
      if (prune(children.next())) {
        children.remove();
      }
    }
    return node.isEmpty();
  }
}
