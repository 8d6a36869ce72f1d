package dev.ramp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompletionCommandTest {
  @Test
  void bashCompletionForBothNames() {
    Cli.Result result = Cli.run("completion", "bash");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .startsWith("#!/usr/bin/env bash\n# bash completion for ramp and kubectl-ramp.\n")
        .contains("promote", "rollouts", "--to-revision")
        .contains("complete -F _complete_ramp -o default ramp")
        .endsWith("complete -F _complete_ramp -o default kubectl-ramp\n");
  }

  @Test
  void zshUsesTheSameScriptThroughBashcompinit() {
    Cli.Result result = Cli.run("completion", "zsh");

    assertThat(result.out())
        .startsWith("#!/usr/bin/env bash\n# zsh completion for ramp and kubectl-ramp.")
        .contains("autoload -U +X bashcompinit && bashcompinit");
  }

  @Test
  void anotherShellIsAUsageError() {
    Cli.Result result = Cli.run("completion", "fish");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Invalid value for positional parameter at index 0"
        + " (SHELL): expected one of [bash, zsh] (case-sensitive) but was 'fish'");
  }
}
