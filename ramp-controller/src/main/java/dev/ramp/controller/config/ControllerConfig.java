package dev.ramp.controller.config;

import dev.ramp.api.RampLabels;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How the controller runs: what it watches, how hard it may use the API server, where it serves
 * its metrics and probes, how it logs, and whether it takes part in leader election.
 *
 * @param namespaces the namespaces to watch; empty for all
 * @param instanceId handle only Rollouts and AnalysisRuns labelled {@link RampLabels#INSTANCE_ID}
 *     with this value; when empty, only those without that label
 * @param port the port of the HTTP endpoints; 0 for any free one
 * @param resync how long a Rollout or AnalysisRun may go without a reconcile when nothing it
 *     depends on changes: a safety net for a change whose event was missed
 */
public record ControllerConfig(Set<String> namespaces, Optional<String> instanceId,
    double kubeQps, int kubeBurst, int port, LogFormat logFormat, Duration resync,
    Optional<LeaderElection> leaderElection) {
  /** Argo Rollouts' defaults: enough for hundreds of rollouts, gentle on the API server. */
  static final int DEFAULT_QPS = 40;
  static final int DEFAULT_BURST = 80;
  static final int DEFAULT_PORT = 8080;
  /** Argo Rollouts' default resync period, 15 minutes. */
  static final int DEFAULT_RESYNC_SECONDS = 900;
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

  public ControllerConfig {
    namespaces = Set.copyOf(namespaces);
  }

  /**
   * All namespaces, no instance id, default limits, port and resync, text logs, no leader
   * election.
   */
  public static ControllerConfig defaults() {
    return new ControllerConfig(Set.of(), Optional.empty(), DEFAULT_QPS, DEFAULT_BURST,
        DEFAULT_PORT, LogFormat.TEXT, Duration.ofSeconds(DEFAULT_RESYNC_SECONDS),
        Optional.empty());
  }

  /**
   * Reads the settings from flags (by name, e.g. {@code --port}) and the environment; a flag
   * wins over its variable.
   *
   * @throws InvalidConfigException naming the flag or variable whose value is wrong
   */
  public static ControllerConfig read(Map<String, String> flags, Map<String, String> env) {
    SettingValues values = new SettingValues(flags, env);
    Set<String> namespaces = values.get(Setting.NAMESPACES)
        .map(v -> namespaces(values, v)).orElse(Set.of());
    Optional<String> instanceId = values.get(Setting.INSTANCE_ID);
    if (instanceId.isPresent() && !LABEL_VALUE.matcher(instanceId.get()).matches()) {
      throw values.fail(Setting.INSTANCE_ID, instanceId.get(),
          "is not a label value (at most 63 letters, digits, '-', '_' and '.')");
    }
    double qps = values.number(Setting.KUBE_QPS, DEFAULT_QPS);
    int burst = values.integer(Setting.KUBE_BURST, DEFAULT_BURST, 1, Integer.MAX_VALUE);
    int port = values.integer(Setting.PORT, DEFAULT_PORT, 1, 65535);
    LogFormat logFormat = values.choice(Setting.LOG_FORMAT, LogFormat.class, LogFormat.TEXT);
    Duration resync = Duration.ofSeconds(
        values.integer(Setting.RESYNC_SECONDS, DEFAULT_RESYNC_SECONDS, 1, 86_400));
    Optional<LeaderElection> leaderElection = values.bool(Setting.LEADER_ELECTION)
        ? Optional.of(LeaderElection.of(leaseNamespace(values), identity(values)))
        : Optional.empty();
    return new ControllerConfig(namespaces, instanceId, qps, burst, port, logFormat, resync,
        leaderElection);
  }

  private static Set<String> namespaces(SettingValues values, String list) {
    Set<String> namespaces = Arrays.stream(list.split(",")).map(String::trim)
        .filter(n -> !n.isEmpty()).collect(Collectors.toSet());
    if (!namespaces.stream().allMatch(n -> DNS_LABEL.matcher(n).matches())) {
      throw values.fail(Setting.NAMESPACES, list, "is not a comma-separated list of namespaces");
    }
    return namespaces;
  }

  private static String leaseNamespace(SettingValues values) {
    String namespace = values.get(Setting.LEADER_ELECTION_NAMESPACE).orElseThrow(() ->
        SettingValues.missing(Setting.LEADER_ELECTION_NAMESPACE,
            "leader election needs the namespace of its Lease"));
    if (!DNS_LABEL.matcher(namespace).matches()) {
      throw values.fail(Setting.LEADER_ELECTION_NAMESPACE, namespace, "is not a namespace name");
    }
    return namespace;
  }

  /** Who this instance is in leader election: its pod's name, else the host's. */
  private static String identity(SettingValues values) {
    Optional<String> given = values.get(Setting.LEADER_ELECTION_IDENTITY);
    if (given.isPresent()) {
      return given.get();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      throw SettingValues.missing(Setting.LEADER_ELECTION_IDENTITY,
          "leader election needs a name for this instance");
    }
  }

  /** The label selector that picks this installation's Rollouts and AnalysisRuns. */
  public String instanceSelector() {
    return instanceId.map(id -> RampLabels.INSTANCE_ID + "=" + id)
        .orElse("!" + RampLabels.INSTANCE_ID);
  }

  public ControllerConfig withNamespaces(Set<String> watched) {
    return new ControllerConfig(watched, instanceId, kubeQps, kubeBurst, port, logFormat,
        resync, leaderElection);
  }

  public ControllerConfig withInstanceId(String id) {
    return new ControllerConfig(namespaces, Optional.of(id), kubeQps, kubeBurst, port,
        logFormat, resync, leaderElection);
  }

  public ControllerConfig withPort(int httpPort) {
    return new ControllerConfig(namespaces, instanceId, kubeQps, kubeBurst, httpPort, logFormat,
        resync, leaderElection);
  }

  public ControllerConfig withResync(Duration period) {
    return new ControllerConfig(namespaces, instanceId, kubeQps, kubeBurst, port, logFormat,
        period, leaderElection);
  }

  public ControllerConfig withLeaderElection(LeaderElection election) {
    return new ControllerConfig(namespaces, instanceId, kubeQps, kubeBurst, port, logFormat,
        resync, Optional.of(election));
  }
}
