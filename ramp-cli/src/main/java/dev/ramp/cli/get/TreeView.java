package dev.ramp.cli.get;

import dev.ramp.cli.get.RolloutInfo.AnalysisRunInfo;
import dev.ramp.cli.get.RolloutInfo.MetricInfo;
import dev.ramp.cli.get.RolloutInfo.PodInfo;
import dev.ramp.cli.get.RolloutInfo.ReplicaSetInfo;
import dev.ramp.cli.get.RolloutInfo.Revision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a {@link RolloutInfo}: a summary, then the tree rollout → revisions → ReplicaSet → pods,
 * with the analysis runs of the revision being rolled out and their metrics.
 */
final class TreeView {
  private static final String LABEL = "%-16s%s";

  private final boolean unicode;
  private final Instant now;

  TreeView(boolean unicode, Instant now) {
    this.unicode = unicode;
    this.now = now;
  }

  /** One row of the tree and the rows below it. */
  private record Node(String name, String kind, Health health, String status, String created,
      String info, List<Node> children) {}

  String render(RolloutInfo info) {
    List<String> lines = new ArrayList<>();
    lines.add(LABEL.formatted("Name:", info.name()));
    lines.add(LABEL.formatted("Namespace:", info.namespace()));
    lines.add(LABEL.formatted("Status:", symbol(Health.ofRollout(info.phase())) + " "
        + info.phase()));
    if (info.message() != null) {
      lines.add(LABEL.formatted("Message:", info.message()));
    }
    lines.add(LABEL.formatted("Strategy:", info.strategy()
        + (info.step() == null ? "" : ", " + info.step())));
    if (info.weights() != null) {
      RolloutInfo.Weights weights = info.weights();
      lines.add(LABEL.formatted("Set weight:", weights.set()
          + "% (status.canary.weight: the weight Ramp has set for the canary)"));
      lines.add(LABEL.formatted("Actual weight:", weights.actual() + "% ("
          + (weights.trafficRouter() ? "the traffic router sends the set weight"
              : "no traffic router: the canary has " + weights.canaryAvailable() + " of the "
                  + weights.available() + " available pods") + ")"));
    }
    for (int i = 0; i < info.images().size(); i++) {
      RolloutInfo.Image image = info.images().get(i);
      lines.add(LABEL.formatted(i == 0 ? "Images:" : "", image.image() + " ("
          + String.join(", ", image.roles()) + ")"));
    }
    for (int i = 0; i < info.gates().size(); i++) {
      RolloutInfo.Gate gate = info.gates().get(i);
      lines.add(LABEL.formatted(i == 0 ? "Gates:" : "", gate.what() + " (revision "
          + gate.revision() + "): " + gate.phase()
          + (gate.message() == null || gate.message().isBlank() ? "" : ": " + gate.message())));
    }
    RolloutInfo.Replicas replicas = info.replicas();
    lines.add(LABEL.formatted("Replicas:", "desired " + replicas.desired() + ", current "
        + replicas.current() + ", updated " + replicas.updated() + ", ready " + replicas.ready()
        + ", available " + replicas.available()));
    lines.add("");
    Table table = new Table("NAME", "KIND", "STATUS", "AGE", "INFO");
    addRows(table, root(info), "", "");
    lines.addAll(table.lines());
    return String.join("\n", lines) + "\n";
  }

  private Node root(RolloutInfo info) {
    return new Node(info.name(), "Rollout", Health.ofRollout(info.phase()), info.phase(),
        info.created(), "", info.revisions().stream().map(this::revision).toList());
  }

  private Node revision(Revision revision) {
    List<Node> children = new ArrayList<>();
    children.add(replicaSet(revision.replicaSet()));
    revision.analysisRuns().forEach(run -> children.add(analysisRun(run)));
    // a fresh baseline is numbered 0, as no revision to go back to
    String name = revision.roles().contains("baseline") ? "baseline"
        : "revision " + (revision.number() == 0 ? "?" : revision.number());
    return new Node(name, "", null, "", null, String.join(", ", revision.roles()), children);
  }

  private Node replicaSet(ReplicaSetInfo rs) {
    Health health = rs.desired() == 0 && rs.current() == 0 ? Health.INACTIVE
        : rs.available() >= rs.desired() ? Health.HEALTHY : Health.PROGRESSING;
    String status = health == Health.INACTIVE ? "ScaledDown"
        : health == Health.HEALTHY ? "Healthy" : "Progressing";
    return new Node(rs.name(), "ReplicaSet", health, status, rs.created(),
        "available " + rs.available() + "/" + rs.desired(),
        rs.pods().stream().map(TreeView::pod).toList());
  }

  private static Node pod(PodInfo pod) {
    Health health = pod.terminating() ? Health.INACTIVE
        : "Failed".equals(pod.phase()) ? Health.FAILED
        : pod.ready() ? Health.HEALTHY : Health.PROGRESSING;
    String info = (pod.ready() ? "ready" : "not ready")
        + (pod.restarts() > 0 ? ", " + pod.restarts() + " restarts" : "");
    return new Node(pod.name(), "Pod", health, pod.terminating() ? "Terminating" : pod.phase(),
        pod.created(), info, List.of());
  }

  private static Node analysisRun(AnalysisRunInfo run) {
    String info = run.analysis() + (run.message() == null ? "" : ": " + run.message());
    return new Node(run.name(), "AnalysisRun", Health.ofAnalysis(run.phase()), run.phase(),
        run.created(), info, run.metrics().stream().map(TreeView::metric).toList());
  }

  /** A metric and its latest measurement: value, phase and message. */
  private static Node metric(MetricInfo metric) {
    StringBuilder info = new StringBuilder(metric.dryRun() ? "dry run, " : "");
    if (metric.latest() == null) {
      info.append("no measurement yet");
    } else {
      info.append("latest ").append(metric.latest().value()).append(" (")
          .append(metric.latest().phase()).append(")");
      if (metric.latest().message() != null) {
        info.append(": ").append(metric.latest().message());
      }
    }
    info.append(", ").append(metric.measured()).append(" measured");
    return new Node(metric.name(), "Metric", Health.ofAnalysis(metric.phase()), metric.phase(),
        null, info.toString(), List.of());
  }

  private void addRows(Table table, Node node, String prefix, String childPrefix) {
    table.add(prefix + node.name(), node.kind(),
        node.health() == null ? "" : symbol(node.health()) + " " + node.status(),
        Ages.since(node.created(), now), node.info());
    List<Node> children = node.children();
    for (int i = 0; i < children.size(); i++) {
      boolean last = i == children.size() - 1;
      addRows(table, children.get(i), childPrefix + branch(last), childPrefix + indent(last));
    }
  }

  private String branch(boolean last) {
    return unicode ? (last ? "└── " : "├── ") : (last ? "`-- " : "|-- ");
  }

  private String indent(boolean last) {
    return last ? "    " : unicode ? "│   " : "|   ";
  }

  private String symbol(Health health) {
    return health.symbol(unicode);
  }
}
