package dev.ramp.controller.resilience;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ClusterRole Ramp is installed with ({@code deploy/clusterrole.yaml}, which the Helm chart
 * takes its rules from), and the Roles of {@code deploy/rbac.yaml} in Ramp's own namespace that
 * grant access to objects by name, checked against the requests a controller makes: a request
 * they do not grant is one a real API server would refuse with a 403. The tests' API server has
 * no RBAC, so the proxy notes such requests and lets them through.
 */
final class ClusterRoleGrants {
  private static final Path CLUSTER_ROLE = Path.of("..", "deploy", "clusterrole.yaml");
  private static final Path ROLES = Path.of("..", "deploy", "rbac.yaml");
  private static final Pattern NAME_SELECTOR =
      Pattern.compile("[?&]fieldSelector=metadata\\.name(?:=|%3D)([^&]+)");

  /** "group/resource verb", as the ClusterRole's rules grant them. */
  private final Set<String> granted = new HashSet<>();
  /** "namespace group/resource verb name", as the Roles' rules with resourceNames grant them. */
  private final Set<String> grantedByName = new HashSet<>();
  private final Set<String> refused = ConcurrentHashMap.newKeySet();

  ClusterRoleGrants() {
    ClusterRole role;
    try (InputStream yaml = Files.newInputStream(CLUSTER_ROLE)) {
      role = new KubernetesSerialization().unmarshal(yaml, ClusterRole.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (PolicyRule rule : role.getRules()) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          rule.getVerbs().forEach(verb -> granted.add(group + "/" + resource + " " + verb));
        }
      }
    }
    try (InputStream yaml = Files.newInputStream(ROLES)) {
      Object all = new KubernetesSerialization().unmarshal(yaml);
      for (Object object : all instanceof List<?> objects ? objects : List.of(all)) {
        if (object instanceof Role named) {
          named.getRules().forEach(rule -> grantByName(named.getMetadata().getNamespace(), rule));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void grantByName(String namespace, PolicyRule rule) {
    for (String group : rule.getApiGroups()) {
      for (String resource : rule.getResources()) {
        for (String verb : rule.getVerbs()) {
          rule.getResourceNames().forEach(name -> grantedByName.add(namespace + " " + group
              + "/" + resource + " " + verb + " " + name));
        }
      }
    }
  }

  /** The requests the ClusterRole would refuse, as "group/resource verb". */
  Set<String> refused() {
    return Set.copyOf(refused);
  }

  /** The policy, noting first each request of a controller that the ClusterRole does not grant. */
  ApiProxy.Policy checking(ApiProxy.Policy policy) {
    return new ApiProxy.Policy() {
      @Override
      public ApiProxy.Fault before(ApiProxy.Call call) {
        String request = request(call);
        if (request != null && !granted.contains(request)
            && !grantedByName.contains(namespace(call) + " " + request + " " + name(call))) {
          refused.add(request);
        }
        return policy.before(call);
      }

      @Override
      public boolean dieAfter(ApiProxy.Call call, int status) {
        return policy.dieAfter(call, status);
      }
    };
  }

  /** The namespace of a namespaced request, else "". */
  private static String namespace(ApiProxy.Call call) {
    Matcher m = Pattern.compile("/namespaces/([^/]+)/").matcher(call.resource());
    return m.find() ? m.group(1) : "";
  }

  /**
   * The name of the object a request is about: in its path, or, for a list or a watch, in its
   * field selector ({@code metadata.name=...}, which RBAC matches against resourceNames).
   */
  private static String name(ApiProxy.Call call) {
    Matcher selector = NAME_SELECTOR.matcher(call.path());
    if (selector.find()) {
      return selector.group(1);
    }
    List<String> parts = List.of(call.resource().split("/"));
    int namespaces = parts.indexOf("namespaces");
    return namespaces >= 0 && parts.size() > namespaces + 3 ? parts.get(namespaces + 3) : "";
  }

  /**
   * "group/resource verb" for a request on a resource ({@code /api/v1/...} or
   * {@code /apis/<group>/<version>/...}, namespaced or not, with a name and a subresource or not);
   * null for discovery and other paths that are not a resource's.
   */
  static String request(ApiProxy.Call call) {
    List<String> parts = List.of(call.resource().replaceFirst("^/", "").split("/"));
    int start;
    String group;
    if (parts.get(0).equals("api") && parts.size() > 2) {
      group = "";
      start = 2;
    } else if (parts.get(0).equals("apis") && parts.size() > 3) {
      group = parts.get(1);
      start = 3;
    } else {
      return null;
    }
    List<String> rest = parts.subList(start, parts.size());
    if (rest.get(0).equals("namespaces") && rest.size() > 2) {
      rest = rest.subList(2, rest.size());
    }
    String resource = rest.get(0) + (rest.size() > 2 ? "/" + rest.get(2) : "");
    boolean named = rest.size() > 1;
    String verb = switch (call.method()) {
      case "GET" -> named ? "get" : call.isWatch() ? "watch" : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> call.method().toLowerCase(java.util.Locale.ROOT);
    };
    return group + "/" + resource + " " + verb;
  }
}
