package dev.ramp.controller.config;

import dev.ramp.api.RampLabels;

/**
 * The controller's settings: each is a flag and an environment variable (the flag wins). This
 * is the one list of their names; the command line and the docs follow it.
 */
public enum Setting {
  NAMESPACES("--namespaces", "RAMP_NAMESPACES", "NS[,NS...]",
      "Namespaces to watch; all when absent."),
  INSTANCE_ID("--instance-id", "RAMP_INSTANCE_ID", "ID",
      "Handle only Rollouts and AnalysisRuns labelled " + RampLabels.INSTANCE_ID
          + "=ID; without it, only those without that label."),
  KUBE_QPS("--kube-qps", "RAMP_KUBE_QPS", "N",
      "Requests per second to the Kubernetes API (default " + ControllerConfig.DEFAULT_QPS
          + ")."),
  KUBE_BURST("--kube-burst", "RAMP_KUBE_BURST", "N",
      "Requests that may go at once above that rate (default " + ControllerConfig.DEFAULT_BURST
          + ")."),
  PORT("--port", "RAMP_PORT", "N",
      "Port of /metrics, /healthz and /readyz (default " + ControllerConfig.DEFAULT_PORT + ")."),
  LOG_FORMAT("--log-format", "RAMP_LOG_FORMAT", "json|text", "Log format (default text)."),
  RESYNC_SECONDS("--resync-seconds", "RAMP_RESYNC_SECONDS", "N",
      "Reconcile each Rollout and AnalysisRun at least every N seconds, even when nothing it"
          + " depends on changed (default " + ControllerConfig.DEFAULT_RESYNC_SECONDS + ")."),
  LEADER_ELECTION("--leader-election", "RAMP_LEADER_ELECTION", null,
      "Only the holder of the Lease " + LeaderElection.LEASE_NAME + " reconciles; run several"
          + " replicas with it."),
  LEADER_ELECTION_NAMESPACE("--leader-election-namespace", "POD_NAMESPACE", "NS",
      "Namespace of that Lease; in a pod, its own."),
  LEADER_ELECTION_IDENTITY("--leader-election-identity", "POD_NAME", "NAME",
      "This instance's name in that Lease; in a pod, its name (default: the host name)."),
  NOTIFICATIONS_NAMESPACE("--notifications-namespace", "RAMP_NOTIFICATIONS_NAMESPACE", "NS",
      "Namespace of the ConfigMap and Secret ramp-notifications (default: in a pod, its own;"
          + " else " + NotificationSettings.DEFAULT_NAMESPACE + ")."),
  NAMESPACE_NOTIFICATIONS("--namespace-notifications", "RAMP_NAMESPACE_NOTIFICATIONS", null,
      "A namespace's own ConfigMap and Secret ramp-notifications serve its Rollouts."),
  NOTIFICATIONS_RETRY_SECONDS("--notifications-retry-seconds",
      "RAMP_NOTIFICATIONS_RETRY_SECONDS", "N",
      "Retry a notification that failed for a reason worth retrying for N seconds (default "
          + NotificationSettings.DEFAULT_RETRY_SECONDS + ")."),
  DASHBOARD_URL("--dashboard-url", "RAMP_DASHBOARD_URL", "URL",
      "The dashboard's address, for notification templates ({{dashboardUrl}}).");

  private final String flag;
  private final String env;
  private final String valueLabel;
  private final String description;

  Setting(String flag, String env, String valueLabel, String description) {
    this.flag = flag;
    this.env = env;
    this.valueLabel = valueLabel;
    this.description = description;
  }

  public String flag() {
    return flag;
  }

  public String env() {
    return env;
  }

  /** How the value is shown in help, e.g. {@code N}; null for a switch (true or false). */
  public String valueLabel() {
    return valueLabel;
  }

  public String description() {
    return description;
  }
}
