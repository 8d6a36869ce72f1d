package dev.ramp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.controller.config.Setting;
import org.junit.jupiter.api.Test;

/** {@code ramp controller}: its settings as options, and bad values refused before it starts. */
class ControllerCommandTest {
  @Test
  void theHelpListsEverySettingWithItsVariable() {
    Cli.Result result = Cli.run("controller", "--help");

    assertThat(result.exitCode()).isZero();
    String help = result.out().replaceAll("\\s+", " ");
    for (Setting setting : Setting.values()) {
      assertThat(help).contains(setting.flag(), "Env: " + setting.env() + ".");
    }
    assertThat(help).contains("Requests per second to the Kubernetes API (default 40).");
  }

  @Test
  void aBadValueIsOneLineAndExitCode2() {
    Cli.Result result = Cli.run("controller", "--port", "http");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo("error: --port: \"http\" is not a whole number from 1 to 65535\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void theLeaderElectionSwitchTakesOnlyTrueOrFalse() {
    Cli.Result result = Cli.run("controller", "--leader-election=maybe");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo("error: --leader-election: \"maybe\" is not true or false\n");
  }
}
