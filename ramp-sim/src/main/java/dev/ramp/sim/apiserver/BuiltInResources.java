package dev.ramp.sim.apiserver;

import dev.ramp.sim.apiserver.ResourceType.PrinterColumn;
import dev.ramp.sim.apiserver.ResourceType.ScalePaths;
import java.util.ArrayList;
import java.util.List;

/** The Kubernetes resources the sandbox serves besides those of its CRDs. */
final class BuiltInResources {
  private static final ScalePaths WORKLOAD_SCALE =
      new ScalePaths(".spec.replicas", ".status.replicas", ".spec.selector");

  static final List<ResourceType> ALL = List.of(
      cluster("", "v1", "namespaces", "Namespace", List.of("ns"), true,
          column("Status", "string", ".status.phase")),
      namespaced("", "v1", "pods", "Pod", List.of("po"), List.of("all"), true, null,
          column("Status", "string", ".status.phase"),
          wide(column("IP", "string", ".status.podIP"))),
      namespaced("", "v1", "services", "Service", List.of("svc"), List.of("all"), true, null,
          column("Type", "string", ".spec.type"),
          column("Cluster-IP", "string", ".spec.clusterIP")),
      namespaced("", "v1", "configmaps", "ConfigMap", List.of("cm"), List.of(), false, null),
      namespaced("", "v1", "secrets", "Secret", List.of(), List.of(), false, null,
          column("Type", "string", ".type")),
      namespaced("", "v1", "events", "Event", List.of("ev"), List.of(), false, null,
          column("Type", "string", ".type"), column("Reason", "string", ".reason"),
          column("Object", "string", ".involvedObject.name"),
          column("Message", "string", ".message")),
      namespaced("apps", "v1", "deployments", "Deployment", List.of("deploy"), List.of("all"),
          true, WORKLOAD_SCALE, column("Desired", "integer", ".spec.replicas"),
          column("Up-to-date", "integer", ".status.updatedReplicas"),
          column("Available", "integer", ".status.availableReplicas")),
      namespaced("apps", "v1", "replicasets", "ReplicaSet", List.of("rs"), List.of("all"), true,
          WORKLOAD_SCALE, column("Desired", "integer", ".spec.replicas"),
          column("Current", "integer", ".status.replicas"),
          column("Ready", "integer", ".status.readyReplicas")),
      namespaced("batch", "v1", "jobs", "Job", List.of(), List.of("all"), true, null,
          column("Succeeded", "integer", ".status.succeeded"),
          column("Failed", "integer", ".status.failed")),
      namespaced("coordination.k8s.io", "v1", "leases", "Lease", List.of(), List.of(), false,
          null, column("Holder", "string", ".spec.holderIdentity")),
      namespaced("networking.k8s.io", "v1", "ingresses", "Ingress", List.of("ing"), List.of(),
          true, null, column("Class", "string", ".spec.ingressClassName")),
      cluster("apiextensions.k8s.io", "v1", "customresourcedefinitions",
          "CustomResourceDefinition", List.of("crd", "crds"), true));

  private BuiltInResources() {}

  private static ResourceType namespaced(String group, String version, String plural,
      String kind, List<String> shortNames, List<String> categories, boolean hasStatus,
      ScalePaths scale, PrinterColumn... columns) {
    return new ResourceType(group, version, plural, kind.toLowerCase(), kind, true, shortNames,
        categories, hasStatus, scale, withAge(columns));
  }

  private static ResourceType cluster(String group, String version, String plural, String kind,
      List<String> shortNames, boolean hasStatus, PrinterColumn... columns) {
    return new ResourceType(group, version, plural, kind.toLowerCase(), kind, false, shortNames,
        List.of(), hasStatus, null, withAge(columns));
  }

  private static List<PrinterColumn> withAge(PrinterColumn... columns) {
    List<PrinterColumn> all = new ArrayList<>(List.of(columns));
    all.add(PrinterColumn.AGE);
    return List.copyOf(all);
  }

  private static PrinterColumn column(String name, String type, String jsonPath) {
    return new PrinterColumn(name, type, jsonPath, "", 0);
  }

  /** A column that kubectl shows with {@code -o wide} only. */
  private static PrinterColumn wide(PrinterColumn column) {
    return new PrinterColumn(column.name(), column.type(), column.jsonPath(),
        column.description(), 1);
  }
}
