package dev.ramp.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The controller's settings read from flags and environment variables, as a pod passes them. */
class ControllerConfigTest {
  private static final Map<String, String> POD = Map.of(
      "RAMP_NAMESPACES", "team-a, team-b",
      "RAMP_INSTANCE_ID", "blue",
      "RAMP_KUBE_QPS", "50",
      "RAMP_KUBE_BURST", "100",
      "RAMP_PORT", "9090",
      "RAMP_LOG_FORMAT", "json",
      "RAMP_RESYNC_SECONDS", "300",
      "RAMP_LEADER_ELECTION", "true",
      "POD_NAMESPACE", "ramp-system",
      "POD_NAME", "ramp-controller-6f7c9-x2k8q");

  @Test
  void withNothingSetWatchesEverythingAloneWithTextLogsOnPort8080() {
    ControllerConfig config = ControllerConfig.read(Map.of(), Map.of());

    assertThat(config).isEqualTo(ControllerConfig.defaults());
    assertThat(config.namespaces()).isEmpty();
    assertThat(config.instanceSelector()).isEqualTo("!ramp.dev/instance-id");
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.logFormat()).isEqualTo(LogFormat.TEXT);
    assertThat(config.resync()).isEqualTo(Duration.ofMinutes(15));
    assertThat(config.leaderElection()).isEmpty();
  }

  @Test
  void readsEverySettingFromThePodsEnvironment() {
    ControllerConfig config = ControllerConfig.read(Map.of(), POD);

    assertThat(config.namespaces()).isEqualTo(Set.of("team-a", "team-b"));
    assertThat(config.instanceId()).contains("blue");
    assertThat(config.instanceSelector()).isEqualTo("ramp.dev/instance-id=blue");
    assertThat(config.kubeQps()).isEqualTo(50);
    assertThat(config.kubeBurst()).isEqualTo(100);
    assertThat(config.port()).isEqualTo(9090);
    assertThat(config.logFormat()).isEqualTo(LogFormat.JSON);
    assertThat(config.resync()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.leaderElection()).hasValueSatisfying(election -> {
      assertThat(election.namespace()).isEqualTo("ramp-system");
      assertThat(election.identity()).isEqualTo("ramp-controller-6f7c9-x2k8q");
      assertThat(election.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
      assertThat(election.stopGrace()).isEqualTo(Duration.ofSeconds(5));
    });
  }

  @Test
  void aFlagWinsOverItsVariable() {
    ControllerConfig config = ControllerConfig.read(
        Map.of("--port", "8081", "--log-format", "text", "--leader-election", "false"), POD);

    assertThat(config.port()).isEqualTo(8081);
    assertThat(config.logFormat()).isEqualTo(LogFormat.TEXT);
    assertThat(config.leaderElection()).isEmpty();
    assertThat(config.instanceId()).isEqualTo(Optional.of("blue"));
  }

  @Test
  void anEmptyVariableIsUnset() {
    ControllerConfig config = ControllerConfig.read(Map.of(),
        Map.of("RAMP_NAMESPACES", "", "RAMP_INSTANCE_ID", " ", "RAMP_PORT", ""));

    assertThat(config).isEqualTo(ControllerConfig.defaults());
  }

  @Test
  void aBadValueIsOneLineNamingWhereItCameFrom() {
    assertRefused(Map.of(), Map.of("RAMP_PORT", "http"),
        "RAMP_PORT: \"http\" is not a whole number from 1 to 65535");
    assertRefused(Map.of("--port", "70000"), Map.of(),
        "--port: \"70000\" is not a whole number from 1 to 65535");
    assertRefused(Map.of(), Map.of("RAMP_KUBE_QPS", "-5"),
        "RAMP_KUBE_QPS: \"-5\" is not a positive number");
    assertRefused(Map.of(), Map.of("RAMP_KUBE_BURST", "0"),
        "RAMP_KUBE_BURST: \"0\" is not a whole number from 1 to 2147483647");
    assertRefused(Map.of(), Map.of("RAMP_LOG_FORMAT", "xml"),
        "RAMP_LOG_FORMAT: \"xml\" is not one of json|text");
    assertRefused(Map.of("--resync-seconds", "0"), Map.of(),
        "--resync-seconds: \"0\" is not a whole number from 1 to 86400");
    assertRefused(Map.of(), Map.of("RAMP_LEADER_ELECTION", "yes"),
        "RAMP_LEADER_ELECTION: \"yes\" is not true or false");
    assertRefused(Map.of(), Map.of("RAMP_NAMESPACES", "team-a,Team_B"),
        "RAMP_NAMESPACES: \"team-a,Team_B\" is not a comma-separated list of namespaces");
    assertRefused(Map.of(), Map.of("RAMP_INSTANCE_ID", "blue green"),
        "RAMP_INSTANCE_ID: \"blue green\" is not a label value"
            + " (at most 63 letters, digits, '-', '_' and '.')");
  }

  @Test
  void leaderElectionNeedsTheNamespaceOfItsLease() {
    assertRefused(Map.of("--leader-election", "true"), Map.of("POD_NAME", "a"),
        "leader election needs the namespace of its Lease:"
            + " set --leader-election-namespace or POD_NAMESPACE");
  }

  private static void assertRefused(Map<String, String> flags, Map<String, String> env,
      String message) {
    assertThatThrownBy(() -> ControllerConfig.read(flags, env))
        .isInstanceOf(InvalidConfigException.class).hasMessage(message);
  }
}
