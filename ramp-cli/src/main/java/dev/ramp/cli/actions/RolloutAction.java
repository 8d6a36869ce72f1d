package dev.ramp.cli.actions;

import dev.ramp.api.Rollout;
import dev.ramp.cli.CliException;
import dev.ramp.cli.cluster.Cluster;
import dev.ramp.cli.cluster.KubeOptions;
import dev.ramp.cli.cluster.Rollouts;
import dev.ramp.cli.cluster.StatusView;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** A command that asks something of one rollout and says in one line what it did. */
abstract class RolloutAction implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin KubeOptions kube;

  @Parameters(index = "0", paramLabel = "NAME", description = "The rollout.")
  String name;

  @Override
  public Integer call() {
    try (Cluster cluster = kube.connect()) {
      Rollouts rollouts = cluster.rollouts();
      String done = act(rollouts, rollouts.get(name));
      spec.commandLine().getOut().println(done);
      spec.commandLine().getOut().flush();
    }
    return 0;
  }

  /** Makes the request; returns what was done, as one line. */
  abstract String act(Rollouts rollouts, Rollout rollout);

  /** {@code rollout "checkout"}: how every line names the rollout. */
  String rollout() {
    return "rollout \"" + name + "\"";
  }

  /** The status, refusing when the controller has not written one (there is nothing to act on). */
  StatusView statusOf(Rollout rollout) {
    StatusView view = new StatusView(rollout);
    if (view.phase() == null) {
      throw new CliException(rollout() + " has no status yet: Ramp's controller has not"
          + " processed it (is the controller running?)");
    }
    return view;
  }
}
