package dev.ramp.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The notification settings read from flags and environment variables. */
class NotificationSettingsTest {
  @Test
  void withNothingSetReadsRampSystemsConfigMapAndRetriesForTenMinutes() {
    assertThat(NotificationSettings.read(Map.of(), Map.of()))
        .isEqualTo(new NotificationSettings("ramp-system", "", Duration.ofMinutes(10), false));
  }

  @Test
  void inAPodReadsItsOwnNamespaceUnlessToldOtherwise() {
    Map<String, String> pod = Map.of("POD_NAMESPACE", "platform",
        "RAMP_DASHBOARD_URL", "https://ramp.example.com",
        "RAMP_NOTIFICATIONS_RETRY_SECONDS", "120",
        "RAMP_NAMESPACE_NOTIFICATIONS", "true");

    assertThat(NotificationSettings.read(Map.of(), pod)).isEqualTo(new NotificationSettings(
        "platform", "https://ramp.example.com", Duration.ofMinutes(2), true));
    assertThat(NotificationSettings.read(Map.of("--notifications-namespace", "alerts"), pod)
        .namespace()).isEqualTo("alerts");
  }

  @Test
  void aDashboardUrlThatIsNoUrlIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> NotificationSettings.read(Map.of(),
        Map.of("RAMP_DASHBOARD_URL", "ramp.example.com")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("RAMP_DASHBOARD_URL: \"ramp.example.com\" is not an http or https URL");
  }
}
