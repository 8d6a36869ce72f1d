package dev.ramp.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ramp completion bash|zsh}: a completion script for ramp and kubectl-ramp. */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a shell completion script for ramp and kubectl-ramp.",
        "  source <(ramp completion bash)    # in ~/.bashrc",
        "  source <(ramp completion zsh)     # in ~/.zshrc"})
final class CompletionCommand implements Callable<Integer> {
  enum Shell { bash, zsh }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "${COMPLETION-CANDIDATES}")
  Shell shell;

  @Override
  public Integer call() {
    String script = AutoComplete.bash("ramp", spec.root().commandLine());
    int afterShebang = script.indexOf('\n') + 1;
    var out = spec.commandLine().getOut();
    out.print(script.substring(0, afterShebang));
    out.println(shell == Shell.zsh
        ? "# zsh completion for ramp and kubectl-ramp. This is a bash completion script: zsh runs"
            + "\n# it with bashcompinit, which the script loads (autoload -U +X bashcompinit &&"
            + " bashcompinit)."
        : "# bash completion for ramp and kubectl-ramp.");
    out.print(script.substring(afterShebang));
    // the same completion for the plugin's executable
    out.println("complete -F _complete_ramp -o default kubectl-ramp");
    out.flush();
    return 0;
  }
}
