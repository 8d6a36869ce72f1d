package dev.ramp.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ramp.cluster.ClusterObjects;
import dev.ramp.cluster.ObjectKey;
import org.junit.jupiter.api.Test;

/** The in-memory store keeps objects the way an API server does, as far as Ramp relies on it. */
class InMemoryObjectsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectKey WEB = new ObjectKey("v1", "Service", "default", "web");

  private final InMemoryObjects objects = new InMemoryObjects();

  @Test
  void aMergePatchSetsRemovesWithNullAndReplacesListsWhole() {
    objects.create(object("""
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: default, labels: {app: web, tier: front}}
        spec:
          selector: {app: web}
          ports: [{port: 80}, {port: 443}]
        """));

    ObjectNode patched = objects.patch(WEB, object("""
        metadata: {labels: {tier: null}}
        spec:
          selector: {rollouts-pod-template-hash: abc}
          ports: [{port: 8080}]
        """));

    assertThat(patched.path("metadata").path("labels").toString()).isEqualTo("{\"app\":\"web\"}");
    assertThat(patched.path("spec").toString()).isEqualTo(
        "{\"selector\":{\"app\":\"web\",\"rollouts-pod-template-hash\":\"abc\"},"
            + "\"ports\":[{\"port\":8080}]}");
    assertThat(objects.get(WEB)).isEqualTo(patched);
  }

  @Test
  void aWriteStatingAnOldResourceVersionIsAConflictAndChangesNothing() {
    String first = objects.create(object("""
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: default}
        spec: {selector: {app: web}}
        """)).path("metadata").path("resourceVersion").asText();
    objects.patch(WEB, object("spec: {selector: {app: shop}}"));

    ObjectNode stale = object("metadata: {resourceVersion: \"" + first + "\"}\n"
        + "spec: {selector: {app: old}}");
    assertThatThrownBy(() -> objects.patch(WEB, stale))
        .isInstanceOf(InMemoryObjects.Conflict.class);
    ObjectNode replaced = objects.get(WEB);
    ((ObjectNode) replaced.get("metadata")).put("resourceVersion", first);
    assertThatThrownBy(() -> objects.replace(replaced))
        .isInstanceOf(InMemoryObjects.Conflict.class);
    assertThat(objects.get(WEB).path("spec").path("selector").path("app").asText())
        .isEqualTo("shop");
  }

  @Test
  void writesToAnObjectKeepItsStatusAndCreatingOneTwiceIsRefused() {
    ObjectNode service = object("""
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: default}
        spec: {selector: {app: web}}
        """);
    objects.create(service);
    objects.putStatus(WEB, object("loadBalancer: {ingress: [{ip: 10.0.0.1}]}"));

    objects.patch(WEB, object("spec: {selector: {app: shop}}"));
    ObjectNode replaced = objects.get(WEB);
    replaced.remove("status");
    objects.replace(replaced);

    assertThat(objects.get(WEB).path("status").path("loadBalancer").path("ingress").get(0)
        .path("ip").asText()).isEqualTo("10.0.0.1");
    assertThatThrownBy(() -> objects.create(service))
        .isInstanceOf(ClusterObjects.AlreadyExists.class)
        .hasMessageContaining("Service \"web\" in namespace default already exists");
  }

  @Test
  void objectsAreToldApartByGroupAndKindWhateverVersionWroteThem() {
    objects.create(object("""
        apiVersion: networking.istio.io/v1beta1
        kind: VirtualService
        metadata: {name: web, namespace: default}
        spec: {hosts: [web]}
        """));

    assertThat(objects.get(new ObjectKey("networking.istio.io/v1", "VirtualService", "default",
        "web"))).isNotNull();
    assertThat(objects.get(new ObjectKey("networking.istio.io/v1", "DestinationRule",
        "default", "web"))).isNull();
    objects.delete(new ObjectKey("networking.istio.io/v1", "VirtualService", "default", "web"));
    objects.delete(new ObjectKey("networking.istio.io/v1", "VirtualService", "default", "web"));
    assertThat(objects.get(new ObjectKey("networking.istio.io/v1beta1", "VirtualService",
        "default", "web"))).as("deleted; deleting it again is fine").isNull();
  }

  private static ObjectNode object(String yaml) {
    try {
      return (ObjectNode) YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
