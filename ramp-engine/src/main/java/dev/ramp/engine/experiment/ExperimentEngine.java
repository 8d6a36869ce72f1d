package dev.ramp.engine.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.analysis.AnalysisRunSpec;
import dev.ramp.api.analysis.AnalysisTemplateSpec;
import dev.ramp.api.analysis.Metric;
import dev.ramp.api.experiment.Experiment;
import dev.ramp.api.experiment.ExperimentAnalysis;
import dev.ramp.api.experiment.ExperimentSpec;
import dev.ramp.api.experiment.ExperimentStatus;
import dev.ramp.api.experiment.ExperimentStatus.AnalysisRunStatus;
import dev.ramp.api.experiment.ExperimentStatus.TemplateStatus;
import dev.ramp.engine.Copies;
import dev.ramp.engine.RolloutEvent;
import dev.ramp.engine.Times;
import dev.ramp.engine.analysis.Arguments;
import dev.ramp.engine.experiment.ExperimentObservation.ReplicaSetState;
import dev.ramp.engine.experiment.ExperimentObservation.RunState;
import dev.ramp.engine.spec.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides an experiment, as Argo Rollouts runs one: its ReplicaSets (and Services) first;
 * Running once every template's pods are available, and its analyses started then; Successful
 * after {@code duration} (or, without one, once every analysis requiredForCompletion has
 * succeeded); Failed, Error or Inconclusive as soon as an analysis is; Failed when the pods are
 * not available within the progress deadline. Once it has ended, its analyses are stopped, and
 * after {@code scaleDownDelaySeconds} its ReplicaSets go to zero and its Services are deleted.
 * Pure: everything it knows is in the observation and {@code now}.
 */
public final class ExperimentEngine {
  static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;
  static final int DEFAULT_SCALE_DOWN_DELAY_SECONDS = 30;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ExperimentObservation o;
  private final Experiment experiment;
  private final ExperimentSpec spec;
  private final Instant now;
  private final ExperimentStatus status;
  private final List<ExperimentAction> actions = new ArrayList<>();
  private final List<RolloutEvent> events = new ArrayList<>();
  private Instant nextAt;

  private ExperimentEngine(ExperimentObservation o, Instant now) {
    this.o = o;
    this.experiment = o.experiment();
    this.spec = experiment.getSpec();
    this.now = now;
    this.status = experiment.getStatus() == null ? new ExperimentStatus()
        : Copies.of(experiment.getStatus());
  }

  public static ExperimentPlan decide(ExperimentObservation o, Instant now) {
    ExperimentEngine engine = new ExperimentEngine(o, now);
    engine.decide();
    return new ExperimentPlan(engine.status, engine.actions, engine.events,
        engine.nextAt == null ? null : Duration.between(now, engine.nextAt).isNegative()
            ? Duration.ZERO : Duration.between(now, engine.nextAt));
  }

  private void decide() {
    if (ended()) {
      windDown();
      return;
    }
    Optional<String> problem = o.refusal() != null
        ? Optional.of("the API server refused an object made from the spec: " + o.refusal())
        : ExperimentProblems.of(experiment, o.templates());
    if (problem.isPresent()) {
      end(AnalysisPhase.Error, problem.get());
      return;
    }
    List<ExperimentPods> templates = spec.templates.stream()
        .map(template -> new ExperimentPods(experiment, template)).toList();
    templates.forEach(this::keep);
    status.templateStatuses = templates.stream().map(this::templateStatus).toList();
    if (status.availableAt == null) {
      waitForPods(templates);
      return;
    }
    status.phase = AnalysisPhase.Running.name();
    status.message = null;
    runAnalyses();
  }

  private boolean ended() {
    return status.phase != null && AnalysisPhase.of(status.phase).completed();
  }

  /** The template's ReplicaSet at its size, and its Service. */
  private void keep(ExperimentPods pods) {
    ReplicaSetState rs = o.replicaSets().get(pods.replicaSetName());
    if (rs == null) {
      actions.add(new ExperimentAction.CreateReplicaSet(pods.replicaSetName(), pods.selector(),
          pods.replicaSetSpec(pods.replicas())));
    } else if (rs.replicas() != pods.replicas()) {
      actions.add(new ExperimentAction.ScaleReplicaSet(pods.replicaSetName(), pods.replicas()));
    }
    String service = pods.serviceName();
    if (service != null && !o.services().contains(service)) {
      actions.add(new ExperimentAction.CreateService(service, pods.selector(), pods.ports()));
    }
  }

  private void waitForPods(List<ExperimentPods> templates) {
    List<String> waiting = templates.stream().filter(pods -> !available(pods))
        .map(pods -> "template " + pods.templateName() + ": "
            + available(pods.replicaSetName()) + " of " + pods.replicas() + " pods available")
        .toList();
    if (waiting.isEmpty()) {
      status.availableAt = Times.format(now);
      status.phase = AnalysisPhase.Running.name();
      status.message = null;
      events.add(RolloutEvent.normal("ExperimentRunning", "Experiment "
          + experiment.getMetadata().getName() + " is running: every template's pods are"
          + " available"));
      runAnalyses();
      return;
    }
    int deadlineSeconds = spec.progressDeadlineSeconds == null
        ? DEFAULT_PROGRESS_DEADLINE_SECONDS : spec.progressDeadlineSeconds;
    Instant deadline = Times.parse(experiment.getMetadata().getCreationTimestamp(), now)
        .plusSeconds(deadlineSeconds);
    if (!now.isBefore(deadline)) {
      end(AnalysisPhase.Failed, "progress deadline of " + deadlineSeconds + "s exceeded: "
          + String.join("; ", waiting));
      return;
    }
    status.phase = AnalysisPhase.Pending.name();
    status.message = "waiting for pods: " + String.join("; ", waiting);
    wakeAt(deadline);
  }

  private boolean available(ExperimentPods pods) {
    return available(pods.replicaSetName()) >= pods.replicas();
  }

  private int available(String replicaSet) {
    ReplicaSetState rs = o.replicaSets().get(replicaSet);
    return rs == null ? 0 : rs.availableReplicas();
  }

  /** Starts the analyses, and ends the experiment when they or the duration say so. */
  private void runAnalyses() {
    List<AnalysisRunStatus> runs = new ArrayList<>();
    for (ExperimentAnalysis analysis : analyses()) {
      String name = runName(analysis);
      RunState run = o.runs().get(name);
      if (run == null) {
        try {
          actions.add(new ExperimentAction.CreateAnalysisRun(name, analysis.name,
              runSpec(analysis)));
        } catch (IllegalArgumentException e) {
          end(AnalysisPhase.Error, "analysis " + analysis.name + ": " + e.getMessage());
          return;
        }
      }
      AnalysisRunStatus entry = new AnalysisRunStatus();
      entry.name = analysis.name;
      entry.analysisRun = name;
      entry.phase = (run == null ? AnalysisPhase.Pending : run.phase()).name();
      entry.message = run == null ? null : run.message();
      runs.add(entry);
    }
    status.analysisRuns = runs.isEmpty() ? null : runs;
    Optional<AnalysisRunStatus> worst = runs.stream()
        .filter(run -> AnalysisPhase.of(run.phase).completed()
            && AnalysisPhase.of(run.phase) != AnalysisPhase.Successful)
        .max((a, b) -> AnalysisPhase.of(a.phase).compareTo(AnalysisPhase.of(b.phase)));
    if (worst.isPresent()) {
      AnalysisRunStatus run = worst.get();
      end(AnalysisPhase.of(run.phase), "analysis " + run.name + " is " + run.phase
          + (run.message == null ? "" : ": " + run.message));
      return;
    }
    if (Boolean.TRUE.equals(spec.terminate)) {
      end(AnalysisPhase.Successful, "terminated");
      return;
    }
    completeWhenDone(runs);
  }

  /**
   * Successful once the duration has passed and every analysis requiredForCompletion has
   * succeeded; with neither a duration nor such an analysis, it runs until terminated.
   */
  private void completeWhenDone(List<AnalysisRunStatus> runs) {
    Set<String> required = analyses().stream()
        .filter(analysis -> Boolean.TRUE.equals(analysis.requiredForCompletion))
        .map(analysis -> analysis.name).collect(Collectors.toSet());
    if (spec.duration == null && required.isEmpty()) {
      return;
    }
    boolean requiredDone = runs.stream().filter(run -> required.contains(run.name))
        .allMatch(run -> AnalysisPhase.of(run.phase) == AnalysisPhase.Successful);
    Instant end = spec.duration == null ? null
        : Times.parse(status.availableAt, now).plus(Durations.parse(spec.duration));
    if (end != null && now.isBefore(end)) {
      wakeAt(end);
      return;
    }
    if (requiredDone) {
      end(AnalysisPhase.Successful, end == null
          ? "every analysis required for completion succeeded"
          : "ran for " + spec.duration + " and no analysis failed");
    }
  }

  private void end(AnalysisPhase phase, String message) {
    status.phase = phase.name();
    status.message = message;
    status.finishedAt = Times.format(now);
    boolean bad = phase == AnalysisPhase.Failed || phase == AnalysisPhase.Error;
    events.add(new RolloutEvent(bad, "Experiment" + phase, "Experiment "
        + experiment.getMetadata().getName() + " is " + phase + ": " + message));
    windDown();
  }

  /**
   * After the end: the analyses are stopped at once; the pods and Services stay for the scale-down
   * delay (so traffic can leave them), then go. Acts on what exists, so a spec that was never
   * valid is wound down too.
   */
  private void windDown() {
    o.runs().forEach((name, run) -> {
      if (!run.phase().completed() && !run.terminated()) {
        actions.add(new ExperimentAction.TerminateAnalysisRun(name));
      }
    });
    if (status.templateStatuses != null) {
      status.templateStatuses.forEach(this::refresh);
    }
    int delay = spec == null || spec.scaleDownDelaySeconds == null
        ? DEFAULT_SCALE_DOWN_DELAY_SECONDS : spec.scaleDownDelaySeconds;
    Instant scaleDownAt = Times.parse(status.finishedAt, now).plusSeconds(delay);
    if (now.isBefore(scaleDownAt)) {
      wakeAt(scaleDownAt);
      return;
    }
    o.replicaSets().forEach((name, rs) -> {
      if (rs.replicas() > 0) {
        actions.add(new ExperimentAction.ScaleReplicaSet(name, 0));
      }
    });
    o.services().forEach(name -> actions.add(new ExperimentAction.DeleteService(name)));
  }

  private TemplateStatus templateStatus(ExperimentPods pods) {
    TemplateStatus template = new TemplateStatus();
    template.name = pods.templateName();
    template.podTemplateHash = pods.hash();
    template.serviceName = pods.serviceName();
    refresh(template);
    template.status = available(pods) ? AnalysisPhase.Running.name() : "Progressing";
    return template;
  }

  /** The counts of the template's ReplicaSet as observed, and its status once ended. */
  private void refresh(TemplateStatus template) {
    ReplicaSetState rs = o.replicaSets().get(ExperimentPods.replicaSetName(experiment,
        template.name));
    template.replicas = rs == null ? 0 : rs.replicas();
    template.readyReplicas = rs == null ? 0 : rs.readyReplicas();
    template.availableReplicas = rs == null ? 0 : rs.availableReplicas();
    if (ended()) {
      template.status = status.phase;
    }
  }

  private AnalysisRunSpec runSpec(ExperimentAnalysis analysis) {
    AnalysisTemplateSpec template = o.templates().get(ExperimentObservation.templateKey(
        analysis.templateName, analysis.clusterScope));
    Set<String> dryRun = spec.dryRun == null ? Set.of() : spec.dryRun.stream()
        .map(d -> d.metricName).collect(Collectors.toSet());
    List<Metric> metrics = new ArrayList<>();
    for (Metric metric : template.metrics) {
      Metric copy = Copies.of(metric);
      if (dryRun.contains(copy.name)) {
        copy.dryRun = true;
      }
      metrics.add(copy);
    }
    AnalysisRunSpec run = new AnalysisRunSpec();
    run.metrics = metrics;
    run.args = Arguments.resolve(template.args, analysis.args, JSON.valueToTree(experiment));
    return run;
  }

  private List<ExperimentAnalysis> analyses() {
    return spec.analyses == null ? List.of() : spec.analyses;
  }

  private String runName(ExperimentAnalysis analysis) {
    return experiment.getMetadata().getName() + "-" + analysis.name;
  }

  private void wakeAt(Instant at) {
    if (nextAt == null || at.isBefore(nextAt)) {
      nextAt = at;
    }
  }
}
