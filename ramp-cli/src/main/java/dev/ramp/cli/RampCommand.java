package dev.ramp.cli;

import dev.ramp.cli.actions.AbortCommand;
import dev.ramp.cli.actions.PauseCommand;
import dev.ramp.cli.actions.PromoteCommand;
import dev.ramp.cli.actions.RestartCommand;
import dev.ramp.cli.actions.ResumeCommand;
import dev.ramp.cli.actions.RetryCommand;
import dev.ramp.cli.actions.SetCommand;
import dev.ramp.cli.actions.TerminateCommand;
import dev.ramp.cli.actions.UndoCommand;
import dev.ramp.cli.bench.BenchCommand;
import dev.ramp.cli.cluster.KubeOptions;
import dev.ramp.cli.get.GetCommand;
import dev.ramp.cli.get.ListCommand;
import dev.ramp.cli.lint.LintCommand;
import dev.ramp.cli.notify.NotifyCommand;
import dev.ramp.cli.status.StatusCommand;
import dev.ramp.controller.main.ControllerCommand;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.ConnectException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ramp}, also run as the kubectl plugin {@code kubectl ramp}. */
@Command(
    name = "ramp",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Progressive delivery for Kubernetes: canary rollouts that decide for you.",
    subcommands = {GetCommand.class, ListCommand.class, StatusCommand.class,
        PromoteCommand.class, AbortCommand.class, RetryCommand.class, PauseCommand.class,
        ResumeCommand.class, UndoCommand.class, RestartCommand.class, SetCommand.class,
        LintCommand.class, NotifyCommand.class, DemoCommand.class, SandboxCommand.class,
        ControllerCommand.class,
        TerminateCommand.class, VersionCommand.class, CompletionCommand.class,
        BenchCommand.class})
public final class RampCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Terminal terminal;

  RampCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The command line, with errors reported as one line (see {@link CliException}). */
  public static CommandLine commandLine(Terminal terminal) {
    return new CommandLine(new RampCommand(terminal))
        .setExecutionExceptionHandler(RampCommand::report);
  }

  /** What standard output is, for any command of this command line. */
  public static Terminal terminal(CommandLine.Model.CommandSpec spec) {
    return ((RampCommand) spec.root().userObject()).terminal;
  }

  private static int report(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
    PrintWriter err = command.getErr();
    if (e instanceof CliException) {
      err.println("error: " + e.getMessage());
    } else if (e instanceof KubernetesClientException k) {
      err.println("error: " + describe(k, server(command)));
    } else {
      e.printStackTrace(err);
    }
    err.flush();
    return command.getCommandSpec().exitCodeOnExecutionException();
  }

  /** The server the command was talking to, from its {@link KubeOptions}. */
  private static String server(CommandLine command) {
    return command.getCommandSpec().mixins().values().stream()
        .map(CommandLine.Model.CommandSpec::userObject)
        .filter(KubeOptions.class::isInstance).map(o -> ((KubeOptions) o).server())
        .findFirst().orElse(null);
  }

  /** The API server's answer when there is one; otherwise why there was none. */
  private static String describe(KubernetesClientException e, String server) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return "the API server refused: " + e.getStatus().getMessage();
    }
    String reason = e.getMessage();
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        reason = "connection refused";
        break;
      }
      if (cause.getMessage() != null) {
        reason = cause.getMessage();
      }
    }
    return "cannot talk to the Kubernetes API" + (server == null ? "" : " at " + server) + ": "
        + reason
        + " (check the kubeconfig, its context, and that the cluster is up)";
  }

  public static void main(String[] args) {
    Terminal terminal = Terminal.detect();
    CommandLine commandLine = commandLine(terminal);
    commandLine.setOut(new PrintWriter(new OutputStreamWriter(System.out, terminal.charset()),
        true));
    System.exit(commandLine.execute(args));
  }
}
