package dev.ramp.sim.apiserver;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every resource type the API server serves: the built-in ones and those of the CRDs in the store,
 * read afresh on each call so that a CRD created or deleted through the API counts at once.
 */
final class ResourceCatalog {
  static final String CRD_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

  private final ObjectStore store;
  /** CRDs by uid and resourceVersion: reading one into the model is the slow part. */
  private final Map<String, CustomResourceDefinition> read = new ConcurrentHashMap<>();

  ResourceCatalog(ObjectStore store) {
    this.store = store;
  }

  List<ResourceType> all() {
    List<ResourceType> all = new ArrayList<>(BuiltInResources.ALL);
    crds().forEach(crd -> all.addAll(CustomResourceTypes.of(crd)));
    return all;
  }

  Optional<ResourceType> find(ResourcePath path) {
    return all().stream()
        .filter(type -> type.group().equals(path.group()) && type.version().equals(path.version())
            && type.plural().equals(path.plural()))
        .findFirst();
  }

  /** The type at the version its objects are stored at: a CRD's storage version. */
  ResourceType stored(ResourceType type) {
    return crdOf(type).flatMap(crd -> crd.getSpec().getVersions().stream()
            .filter(version -> Boolean.TRUE.equals(version.getStorage())).findFirst())
        .flatMap(version -> all().stream().filter(other -> other.group().equals(type.group())
            && other.plural().equals(type.plural())
            && other.version().equals(version.getName())).findFirst())
        .orElse(type);
  }

  boolean isCustom(ResourceType type) {
    return !BuiltInResources.ALL.contains(type);
  }

  /** The CRD that defines a type, when it is a custom one. */
  Optional<CustomResourceDefinition> crdOf(ResourceType type) {
    return crds().stream()
        .filter(crd -> crd.getSpec().getGroup().equals(type.group())
            && crd.getSpec().getNames().getPlural().equals(type.plural()))
        .findFirst();
  }

  List<CustomResourceDefinition> crds() {
    return store.list(CRD_PATH).stream()
        .map(stored -> read.computeIfAbsent(
            stored.path("metadata").path("uid").asText() + "/"
                + stored.path("metadata").path("resourceVersion").asText(),
            key -> Json.MAPPER.convertValue(stored, CustomResourceDefinition.class)))
        .toList();
  }
}
