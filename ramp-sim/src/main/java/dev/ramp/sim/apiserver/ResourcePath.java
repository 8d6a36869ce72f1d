package dev.ramp.sim.apiserver;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resource a request path addresses, e.g.
 * {@code /apis/ramp.dev/v1alpha1/namespaces/default/rollouts/checkout/status}.
 *
 * @param group empty for the core group ({@code /api/v1})
 * @param namespace null for cluster-scoped resources and cross-namespace lists
 * @param name null for collections
 * @param subresource null for the resource itself
 */
record ResourcePath(String group, String version, String namespace, String plural, String name,
    String subresource) {
  private static final Pattern PATH = Pattern.compile(
      "/(?:api|apis/(?<group>[^/]+))/(?<version>[^/]+)(?:/namespaces/(?<namespace>[^/]+))?"
          + "/(?<plural>[^/]+)(?:/(?<name>[^/]+)(?:/(?<subresource>[^/]+))?)?");

  static Optional<ResourcePath> parse(String path) {
    Matcher m = PATH.matcher(path);
    if (!m.matches()) {
      return Optional.empty();
    }
    String group = m.group("group") == null ? "" : m.group("group");
    return Optional.of(new ResourcePath(group, m.group("version"), m.group("namespace"),
        m.group("plural"), m.group("name"), m.group("subresource")));
  }

  ResourcePath withVersion(String otherVersion) {
    return new ResourcePath(group, otherVersion, namespace, plural, name, subresource);
  }

  ResourcePath withSubresource(String subresource) {
    return new ResourcePath(group, version, namespace, plural, name, subresource);
  }

  boolean isCollection() {
    return name == null;
  }

  boolean isStatus() {
    return "status".equals(subresource);
  }

  String toPath() {
    StringBuilder path = new StringBuilder(group.isEmpty() ? "/api" : "/apis/" + group)
        .append('/').append(version);
    if (namespace != null) {
      path.append("/namespaces/").append(namespace);
    }
    path.append('/').append(plural);
    if (name != null) {
      path.append('/').append(name);
    }
    if (subresource != null) {
      path.append('/').append(subresource);
    }
    return path.toString();
  }
}
