package dev.ramp.cli.get;

import dev.ramp.api.experiment.Experiment;
import dev.ramp.api.experiment.ExperimentSpec;
import dev.ramp.api.experiment.ExperimentStatus;
import dev.ramp.cli.CliException;
import dev.ramp.cli.OutputFormat;
import dev.ramp.cli.cluster.Cluster;
import dev.ramp.cli.cluster.KubeOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code get experiment NAME}: its phase, its templates' pods and its analyses. */
@Command(name = "experiment", aliases = {"experiments", "exp"}, mixinStandardHelpOptions = true,
    description = "Show an experiment: its phase, each template's pods and Service, and its"
        + " analysis runs.")
final class GetExperimentCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin KubeOptions kube;

  @Mixin OutputFormat output;

  @Parameters(paramLabel = "NAME", description = "The experiment.")
  String name;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    try (Cluster cluster = kube.connect()) {
      Experiment experiment = cluster.client().resources(Experiment.class)
          .inNamespace(cluster.namespace()).withName(name).get();
      if (experiment == null) {
        throw new CliException("experiment \"" + name + "\" not found in namespace \""
            + cluster.namespace() + "\"");
      }
      out.print(output.structured() ? output.render(experiment)
          : String.join("\n", render(experiment, Instant.now())) + "\n");
      out.flush();
    }
    return 0;
  }

  static List<String> render(Experiment experiment, Instant now) {
    ExperimentStatus status = experiment.getStatus() == null ? new ExperimentStatus()
        : experiment.getStatus();
    List<String> lines = new ArrayList<>();
    lines.add("Name:          " + experiment.getMetadata().getName());
    lines.add("Namespace:     " + experiment.getMetadata().getNamespace());
    lines.add("Phase:         " + (status.phase == null ? "Pending" : status.phase));
    if (status.message != null) {
      lines.add("Message:       " + status.message);
    }
    lines.add("Duration:      " + duration(experiment.getSpec()));
    if (status.availableAt != null) {
      lines.add("Running for:   " + Ages.since(status.availableAt, status.finishedAt == null
          ? now : Instant.parse(status.finishedAt)));
    }
    if (status.templateStatuses != null) {
      lines.add("");
      Table templates = new Table("TEMPLATE", "STATUS", "AVAILABLE", "HASH", "SERVICE");
      for (ExperimentStatus.TemplateStatus template : status.templateStatuses) {
        templates.add(template.name, String.valueOf(template.status),
            template.availableReplicas + "/" + template.replicas,
            String.valueOf(template.podTemplateHash),
            template.serviceName == null ? "-" : template.serviceName);
      }
      lines.addAll(templates.lines());
    }
    if (status.analysisRuns != null) {
      lines.add("");
      Table runs = new Table("ANALYSIS", "ANALYSISRUN", "PHASE", "MESSAGE");
      for (ExperimentStatus.AnalysisRunStatus run : status.analysisRuns) {
        runs.add(run.name, run.analysisRun, run.phase, run.message == null ? "" : run.message);
      }
      lines.addAll(runs.lines());
    }
    return lines;
  }

  /** How long it runs, as its spec says. */
  static String duration(ExperimentSpec spec) {
    if (spec != null && spec.duration != null) {
      return spec.duration;
    }
    boolean required = spec != null && spec.analyses != null && spec.analyses.stream()
        .anyMatch(analysis -> Boolean.TRUE.equals(analysis.requiredForCompletion));
    return required ? "until the analyses required for completion succeed" : "until terminated";
  }
}
