package dev.ramp.sim.apiserver;

import java.util.List;

/**
 * One resource of one group-version, as discovery describes it: its names, scope and
 * subresources, plus the columns {@code kubectl get} shows for it besides the name.
 *
 * @param group the API group, empty for the core group
 * @param scale the scale subresource, or null when there is none
 */
record ResourceType(String group, String version, String plural, String singular, String kind,
    boolean namespaced, List<String> shortNames, List<String> categories, boolean hasStatus,
    ScalePaths scale, List<PrinterColumn> columns) {

  /**
   * Where the scale subresource reads and writes, as JSON paths like {@code .spec.replicas}. The
   * label selector path may lead to a selector string (as CRDs have it) or to a label selector
   * object (as Deployments have it).
   */
  record ScalePaths(String specReplicas, String statusReplicas, String labelSelector) {}

  /** A column of {@code kubectl get}, as a CRD's additionalPrinterColumns declare one. */
  record PrinterColumn(String name, String type, String jsonPath, String description,
      int priority) {
    /** The column of CRDs that declare none, and of every built-in type. */
    static final PrinterColumn AGE = new PrinterColumn("Age", "date",
        ".metadata.creationTimestamp", "", 0);
  }

  /** The name the API server uses in messages, e.g. {@code rollouts.ramp.dev} or {@code pods}. */
  String groupResource() {
    return group.isEmpty() ? plural : plural + "." + group;
  }
}
