package dev.ramp.sim.apiserver;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscoveryBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The legacy (unaggregated) discovery documents and {@code /version}. Kubectl asks for aggregated
 * discovery first and falls back to these when the answer is plain {@code application/json}.
 */
final class Discovery {
  private static final Pattern GROUP_VERSION = Pattern.compile("/apis/([^/]+)/([^/]+)");
  private static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  private static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");
  private static final Map<String, String> VERSION = Map.of(
      "major", "1", "minor", "32", "gitVersion", "v1.32.0+ramp-sandbox",
      "gitTreeState", "clean", "goVersion", "go1.23", "compiler", "gc",
      "platform", "linux/amd64");

  private final ResourceCatalog catalog;

  Discovery(ResourceCatalog catalog) {
    this.catalog = catalog;
  }

  /** The document at a path, or empty when the path is not a discovery path. */
  Optional<Object> document(String path) {
    switch (path) {
      case "/version":
        return Optional.of(VERSION);
      case "/api":
        return Optional.of(new APIVersionsBuilder().withVersions("v1").build());
      case "/api/v1":
        return Optional.of(resources("", "v1"));
      case "/apis":
        return Optional.of(new APIGroupListBuilder().withGroups(groups()).build());
      default:
        Matcher m = GROUP_VERSION.matcher(path);
        return m.matches() ? Optional.of(resources(m.group(1), m.group(2))) : Optional.empty();
    }
  }

  private List<APIGroup> groups() {
    Map<String, List<String>> versionsByGroup = new TreeMap<>();
    for (ResourceType type : catalog.all()) {
      List<String> versions = versionsByGroup.computeIfAbsent(type.group(), g -> new ArrayList<>());
      if (!versions.contains(type.version())) {
        versions.add(type.version());
      }
    }
    versionsByGroup.remove("");
    List<APIGroup> groups = new ArrayList<>();
    versionsByGroup.forEach((group, versions) -> {
      List<GroupVersionForDiscovery> served = versions.stream()
          .sorted(KubeVersions.PREFERRED_FIRST)
          .map(version -> new GroupVersionForDiscoveryBuilder()
              .withGroupVersion(group + "/" + version).withVersion(version).build())
          .toList();
      groups.add(new APIGroupBuilder().withName(group).withVersions(served)
          .withPreferredVersion(served.get(0)).build());
    });
    return groups;
  }

  private Object resources(String group, String version) {
    List<APIResource> resources = new ArrayList<>();
    for (ResourceType type : catalog.all()) {
      if (type.group().equals(group) && type.version().equals(version)) {
        resources.add(new APIResourceBuilder().withName(type.plural())
            .withSingularName(type.singular()).withNamespaced(type.namespaced())
            .withKind(type.kind()).withVerbs(VERBS).withShortNames(type.shortNames())
            .withCategories(type.categories()).build());
        if (type.hasStatus()) {
          resources.add(subresource(type, "status").withKind(type.kind()).build());
        }
        if (type.scale() != null) {
          resources.add(subresource(type, "scale")
              .withGroup("autoscaling").withVersion("v1").withKind("Scale").build());
        }
      }
    }
    if (resources.isEmpty()) {
      throw ApiException.notFound("the server could not find the requested resource");
    }
    return new APIResourceListBuilder()
        .withGroupVersion(group.isEmpty() ? version : group + "/" + version)
        .withResources(resources).build();
  }

  private static APIResourceBuilder subresource(ResourceType type, String name) {
    return new APIResourceBuilder().withName(type.plural() + "/" + name).withSingularName("")
        .withNamespaced(type.namespaced()).withVerbs(SUBRESOURCE_VERBS);
  }
}
