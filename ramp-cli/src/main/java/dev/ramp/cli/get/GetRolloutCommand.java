package dev.ramp.cli.get;

import dev.ramp.cli.OutputFormat;
import dev.ramp.cli.RampCommand;
import dev.ramp.cli.Terminal;
import dev.ramp.cli.cluster.Cluster;
import dev.ramp.cli.cluster.KubeOptions;
import dev.ramp.cli.cluster.Rollouts;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code get rollout NAME [--watch]}: the rollout as a tree, once or live. */
@Command(name = "rollout", aliases = {"rollouts", "ro"}, mixinStandardHelpOptions = true,
    description = "Show a rollout: its status, step and weights, and a tree of its revisions,"
        + " ReplicaSets, pods and analysis runs.")
final class GetRolloutCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin KubeOptions kube;

  @Mixin OutputFormat output;

  @Parameters(paramLabel = "NAME", description = "The rollout.")
  String name;

  @Option(names = {"-w", "--watch"},
      description = "Keep showing the rollout as it changes, until Ctrl-C.")
  boolean watch;

  @Option(names = "--ascii", description = "Draw with plain ASCII instead of UTF-8 symbols.")
  boolean ascii;

  @Override
  public Integer call() {
    Terminal terminal = RampCommand.terminal(spec);
    boolean unicode = terminal.unicode() && !ascii;
    var out = spec.commandLine().getOut();
    try (Cluster cluster = kube.connect()) {
      Rollouts rollouts = cluster.rollouts();
      if (!watch) {
        out.print(render(RolloutInfoReader.read(rollouts, name), unicode));
        out.flush();
        return 0;
      }
      LiveOutput live = new LiveOutput(out, terminal.interactive() && !output.structured());
      while (true) {
        RolloutInfo info = RolloutInfoReader.read(rollouts, name);
        live.show(info, render(info, unicode));
        Thread.sleep(Rollouts.WATCH_INTERVAL.toMillis());
      }
    } catch (InterruptedException e) {
      return 0; // Ctrl-C ends the process; an interrupt ends the watch where it runs in-process
    }
  }

  private String render(RolloutInfo info, boolean unicode) {
    return output.structured() ? output.render(info)
        : new TreeView(unicode, Instant.now()).render(info);
  }

}
