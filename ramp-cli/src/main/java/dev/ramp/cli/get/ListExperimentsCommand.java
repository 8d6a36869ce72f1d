package dev.ramp.cli.get;

import dev.ramp.api.experiment.Experiment;
import dev.ramp.cli.OutputFormat;
import dev.ramp.cli.cluster.Cluster;
import dev.ramp.cli.cluster.KubeOptions;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code list experiments}: one line per experiment of the namespace. */
@Command(name = "experiments", aliases = {"experiment", "exp"}, mixinStandardHelpOptions = true,
    description = "List the experiments of the namespace.")
final class ListExperimentsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin KubeOptions kube;

  @Mixin OutputFormat output;

  /** One experiment, as listed. */
  record Row(String name, String phase, String duration, String created) {
    static Row of(Experiment experiment) {
      return new Row(experiment.getMetadata().getName(),
          experiment.getStatus() == null || experiment.getStatus().phase == null ? "Pending"
              : experiment.getStatus().phase,
          GetExperimentCommand.duration(experiment.getSpec()),
          experiment.getMetadata().getCreationTimestamp());
    }
  }

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    try (Cluster cluster = kube.connect()) {
      List<Row> rows = cluster.client().resources(Experiment.class)
          .inNamespace(cluster.namespace()).list().getItems().stream().map(Row::of)
          .sorted(Comparator.comparing(Row::name)).toList();
      if (output.structured()) {
        out.print(output.render(rows));
      } else if (rows.isEmpty()) {
        // on stderr, as kubectl does, so that a script reading the table gets nothing
        spec.commandLine().getErr().println("No experiments found in namespace "
            + cluster.namespace() + ".");
      } else {
        Instant now = Instant.now();
        Table table = new Table("NAME", "PHASE", "DURATION", "AGE");
        rows.forEach(row -> table.add(row.name(), row.phase(), row.duration(),
            Ages.since(row.created(), now)));
        table.lines().forEach(out::println);
      }
      out.flush();
    }
    return 0;
  }
}
