package dev.ramp.cli.get;

import dev.ramp.api.Rollout;
import dev.ramp.cli.OutputFormat;
import dev.ramp.cli.cluster.Cluster;
import dev.ramp.cli.cluster.KubeOptions;
import dev.ramp.cli.cluster.StatusView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code list rollouts [-A]}: one line per rollout. */
@Command(name = "rollouts", aliases = {"rollout", "ro"}, mixinStandardHelpOptions = true,
    description = "List the rollouts of the namespace (-A: of all namespaces).")
final class ListRolloutsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin KubeOptions kube;

  @Mixin OutputFormat output;

  @Option(names = {"-A", "--all-namespaces"}, description = "List rollouts of all namespaces.")
  boolean allNamespaces;

  /** One rollout, as listed. {@code setWeight} is null when no update is running. */
  record Row(String namespace, String name, String phase, String step, Integer setWeight,
      int available, String created) {
    static Row of(Rollout rollout) {
      StatusView view = new StatusView(rollout);
      var status = view.status();
      Integer weight = !view.updating() ? null
          : status.canary == null || status.canary.weight == null ? 0 : status.canary.weight;
      return new Row(rollout.getMetadata().getNamespace(), view.name(), view.phaseName(),
          view.stepFraction(), weight,
          status.availableReplicas == null ? 0 : status.availableReplicas,
          rollout.getMetadata().getCreationTimestamp());
    }
  }

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    try (Cluster cluster = kube.connect()) {
      List<Row> rows = cluster.rollouts().list(allNamespaces).stream().map(Row::of)
          .sorted(Comparator.comparing(Row::namespace).thenComparing(Row::name))
          .toList();
      if (output.structured()) {
        out.print(output.render(rows));
      } else if (rows.isEmpty()) {
        // on stderr, as kubectl does, so that a script reading the table gets nothing
        spec.commandLine().getErr().println(allNamespaces ? "No rollouts found."
            : "No rollouts found in namespace " + cluster.namespace() + ".");
      } else {
        table(rows).forEach(out::println);
      }
      out.flush();
    }
    return 0;
  }

  private List<String> table(List<Row> rows) {
    Instant now = Instant.now();
    Table table = new Table(columns("NAMESPACE", "NAME", "PHASE", "STEP", "SET WEIGHT",
        "AVAILABLE", "AGE"));
    for (Row row : rows) {
      table.add(columns(row.namespace(), row.name(), row.phase(), row.step(),
          row.setWeight() == null ? "-" : String.valueOf(row.setWeight()),
          String.valueOf(row.available()), Ages.since(row.created(), now)));
    }
    return table.lines();
  }

  /** The namespace column is shown with -A only. */
  private String[] columns(String namespace, String... others) {
    List<String> columns = new ArrayList<>();
    if (allNamespaces) {
      columns.add(namespace);
    }
    columns.addAll(List.of(others));
    return columns.toArray(String[]::new);
  }
}
