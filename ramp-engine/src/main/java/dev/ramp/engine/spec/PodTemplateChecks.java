package dev.ramp.engine.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The values of a pod template that the API server checks on the ReplicaSet made from it but
 * not on the Rollout that carries it: quantities wherever they are (resources, overhead, emptyDir
 * sizes, ...), ports (of probes and lifecycle hooks), label and annotation keys and values. An
 * unparsable quantity also breaks Ramp itself, since the Kubernetes client parses quantities to
 * compare pod templates; so every field of these kinds is checked, found by walking the
 * template, not only the ones people usually get wrong.
 */
final class PodTemplateChecks {
  /** Kubernetes' quantity syntax: a decimal number and a binary, decimal or exponent suffix. */
  private static final Pattern QUANTITY =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\\d+)?");
  /** An IANA service name, as a named port must be. */
  private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  private static final int PORT_NAME_CHARS = 15;
  private static final int MAX_PORT = 65535;
  private static final int ANNOTATION_BYTES = 256 * 1024;
  private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The JSON properties of each model class, found once. */
  private static final Map<Class<?>, List<BeanPropertyDefinition>> PROPERTIES =
      new ConcurrentHashMap<>();

  private PodTemplateChecks() {}

  /** Adds a problem for each value of the template at {@code at} that Kubernetes refuses. */
  static void check(PodTemplateSpec template, String at, List<String> problems) {
    ObjectMeta metadata = template.getMetadata();
    if (metadata != null) {
      labels(metadata.getLabels(), at + ".metadata.labels", problems);
      annotations(metadata.getAnnotations(), at + ".metadata.annotations", problems);
    }
    walk(template.getSpec(), at + ".spec", problems);
  }

  /** Checks the keys and values of labels (or of a selector's matchLabels). */
  static void labels(Map<String, String> labels, String at, List<String> problems) {
    if (labels == null) {
      return;
    }
    labels.forEach((key, value) -> {
      String keyProblem = LabelSyntax.keyProblem(key);
      if (keyProblem != null) {
        problems.add(at + ": " + keyProblem);
      }
      String valueProblem = LabelSyntax.valueProblem(value);
      if (valueProblem != null) {
        problems.add(field(at, key) + ": " + valueProblem);
      }
    });
  }

  private static void annotations(Map<String, String> annotations, String at,
      List<String> problems) {
    if (annotations == null) {
      return;
    }
    long bytes = 0;
    for (Map.Entry<String, String> annotation : annotations.entrySet()) {
      String keyProblem = LabelSyntax.keyProblem(annotation.getKey());
      if (keyProblem != null) {
        problems.add(at + ": " + keyProblem);
      }
      bytes += utf8Length(annotation.getKey()) + utf8Length(annotation.getValue());
    }
    if (bytes > ANNOTATION_BYTES) {
      problems.add(at + ": " + bytes + " bytes in all, more than the " + ANNOTATION_BYTES
          + " Kubernetes allows");
    }
  }

  private static void walk(Object value, String at, List<String> problems) {
    if (value instanceof Quantity quantity) {
      if (!QUANTITY.matcher(quantity.toString()).matches()) {
        problems.add(at + ": \"" + quantity + "\" is not a quantity (such as 500m, 128Mi, 2)");
      }
    } else if (value instanceof IntOrString port) {
      // the only int-or-string fields of a pod template: ports of probes and lifecycle hooks
      String problem = portProblem(port);
      if (problem != null) {
        problems.add(at + ": " + problem);
      }
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((key, item) -> walk(item, field(at, String.valueOf(key)), problems));
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), at + "[" + i + "]", problems);
      }
    } else if (value instanceof KubernetesResource) {
      for (BeanPropertyDefinition property : properties(value.getClass())) {
        walk(property.getAccessor().getValue(value), at + "." + property.getName(), problems);
      }
    }
  }

  private static String portProblem(IntOrString port) {
    if (port.getIntVal() != null) {
      int number = port.getIntVal();
      return number >= 1 && number <= MAX_PORT ? null
          : number + " is not a port number (1 to " + MAX_PORT + ")";
    }
    String name = port.getStrVal();
    boolean named = name != null && name.length() <= PORT_NAME_CHARS
        && PORT_NAME.matcher(name).matches() && !name.contains("--")
        && name.chars().anyMatch(Character::isLetter);
    return named ? null : "\"" + name + "\" is not a port number or name (a name has at most "
        + PORT_NAME_CHARS + " lower-case letters, digits and '-', and at least one letter)";
  }

  private static List<BeanPropertyDefinition> properties(Class<?> type) {
    return PROPERTIES.computeIfAbsent(type, t -> JSON.getSerializationConfig()
        .introspect(JSON.constructType(t)).findProperties().stream()
        .filter(property -> property.getAccessor() != null)
        .toList());
  }

  /** {@code at.key}, or {@code at["key"]} for a key such as {@code nvidia.com/gpu}. */
  private static String field(String at, String key) {
    return SIMPLE_KEY.matcher(key).matches() ? at + "." + key : at + "[\"" + key + "\"]";
  }

  private static long utf8Length(String text) {
    return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
  }
}
