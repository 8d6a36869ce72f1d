package dev.ramp.sim.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ramp.controller.config.ControllerConfig;
import dev.ramp.controller.config.NotificationSettings;
import dev.ramp.controller.config.Setting;
import dev.ramp.sim.Kubectl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Ramp's install manifests ({@code deploy/}), rendered and parsed. */
final class InstallManifests {
  /** Tests run in the module's directory, one below the repository's. */
  static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();
  static final String NAMESPACE = "ramp-system";
  /** Read by the JVM, not by Ramp. */
  private static final String JVM_OPTIONS = "JDK_JAVA_OPTIONS";
  /** A name Kubernetes gives a replica of the Deployment. */
  static final String POD_NAME = "ramp-controller-6f7c9d8b5-x2k8q";

  private static final YAMLMapper YAML = new YAMLMapper();

  private InstallManifests() {}

  /**
   * {@code kubectl kustomize deploy/}, as {@code kubectl apply -k deploy/} would send it; skips
   * the test without kubectl. Kustomize reads no kubeconfig, so none is written.
   */
  static String kustomize(Path dir) {
    return new Kubectl(dir.resolve("kubeconfig"), dir).run("kustomize", DEPLOY.toString()).ok();
  }

  /** The objects of a multi-document YAML stream, keyed by {@link #key}. */
  static Map<String, ObjectNode> parse(String yaml) {
    Map<String, ObjectNode> objects = new LinkedHashMap<>();
    try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
      for (JsonNode document : documents.readAll()) {
        if (document != null && !document.isNull() && !document.isMissingNode()) {
          ObjectNode object = (ObjectNode) wholeNumbersAsIntegers(document);
          assertThat(objects.put(key(object), object)).as("a second %s", key(object)).isNull();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return objects;
  }

  /** The one object of a YAML (or JSON) document, such as {@code kubectl get -o json} prints. */
  static ObjectNode parseOne(String yaml) {
    Map<String, ObjectNode> objects = parse(yaml);
    assertThat(objects).hasSize(1);
    return objects.values().iterator().next();
  }

  /**
   * Whole numbers as one type, so that {@code 1.0} equals {@code 1}: the same number in YAML,
   * which kustomize writes the short way.
   */
  private static JsonNode wholeNumbersAsIntegers(JsonNode node) {
    if (node.isNumber() && node.asDouble() == Math.rint(node.asDouble())) {
      return LongNode.valueOf(node.asLong());
    }
    if (node instanceof ObjectNode object) {
      object.fields().forEachRemaining(
          field -> field.setValue(wholeNumbersAsIntegers(field.getValue())));
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, wholeNumbersAsIntegers(array.get(i)));
      }
    }
    return node;
  }

  /** {@code Kind/namespace/name}, with an empty namespace for cluster-scoped objects. */
  static String key(JsonNode object) {
    JsonNode metadata = object.path("metadata");
    return object.path("kind").asText() + "/" + metadata.path("namespace").asText("") + "/"
        + metadata.path("name").asText();
  }

  static ObjectNode get(Map<String, ObjectNode> objects, String kind, String namespace,
      String name) {
    return Objects.requireNonNull(objects.get(kind + "/" + namespace + "/" + name),
        () -> "no " + kind + " " + name + " among " + objects.keySet());
  }

  /** The list's element whose {@code name} field is {@code name}. */
  static JsonNode named(JsonNode list, String name) {
    for (JsonNode element : list) {
      if (name.equals(element.path("name").asText())) {
        return element;
      }
    }
    throw new AssertionError("no " + name + " in " + list);
  }

  static List<ObjectNode> ofKind(Map<String, ObjectNode> objects, String kind) {
    return objects.values().stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
  }

  /**
   * The container's environment as the controller sees it in a pod of that namespace: a value
   * from the pod's fields resolved as the kubelet does, and any variable that is not a setting
   * of the controller refused, but the JVM's options.
   */
  static Map<String, String> environment(JsonNode container, String namespace) {
    Set<String> settings = Arrays.stream(Setting.values()).map(Setting::env)
        .collect(Collectors.toSet());
    Map<String, String> env = new HashMap<>();
    for (JsonNode variable : container.path("env")) {
      String name = variable.path("name").asText();
      if (name.equals(JVM_OPTIONS)) {
        continue;
      }
      assertThat(settings).as("a variable the controller reads").contains(name);
      String field = variable.at("/valueFrom/fieldRef/fieldPath").asText();
      env.put(name, switch (field) {
        case "" -> variable.path("value").asText();
        case "metadata.namespace" -> namespace;
        case "metadata.name" -> POD_NAME;
        default -> throw new AssertionError(name + " from a field this test does not know");
      });
    }
    return env;
  }

  /** The controller's settings as it reads them from the container's environment. */
  static ControllerConfig controllerSettings(JsonNode container, String namespace) {
    return ControllerConfig.read(Map.of(), environment(container, namespace));
  }

  /** The notification settings the controller reads from the container's environment. */
  static NotificationSettings notificationSettings(JsonNode container, String namespace) {
    return NotificationSettings.read(Map.of(), environment(container, namespace));
  }
}
