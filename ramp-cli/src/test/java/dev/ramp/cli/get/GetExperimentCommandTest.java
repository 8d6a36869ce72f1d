package dev.ramp.cli.get;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.experiment.Experiment;
import dev.ramp.api.experiment.ExperimentStatus;
import dev.ramp.cli.Cli;
import dev.ramp.cli.MockCluster;
import dev.ramp.cli.MockClusterTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GetExperimentCommandTest extends MockClusterTest {
  @BeforeAll
  static void createExperiments() {
    Experiment running = create("""
        metadata: {name: checkout-exp}
        spec:
          duration: 10m
          templates:
            - name: baseline
              selector: {matchLabels: {app: checkout}}
              template:
                metadata: {labels: {app: checkout}}
                spec: {containers: [{name: app, image: "checkout:v1"}]}
              service: {}
            - name: canary
              replicas: 2
              selector: {matchLabels: {app: checkout}}
              template:
                metadata: {labels: {app: checkout}}
                spec: {containers: [{name: app, image: "checkout:v2"}]}
          analyses:
            - {name: errors, templateName: error-rate}
        """);
    ExperimentStatus status = new ExperimentStatus();
    status.phase = "Running";
    status.availableAt = "2026-01-01T10:00:00Z";
    status.templateStatuses = List.of(template("baseline", 1, "abc123",
        "checkout-exp-baseline"), template("canary", 2, "def456", null));
    ExperimentStatus.AnalysisRunStatus run = new ExperimentStatus.AnalysisRunStatus();
    run.name = "errors";
    run.analysisRun = "checkout-exp-errors";
    run.phase = "Running";
    status.analysisRuns = List.of(run);
    running.setStatus(status);
    cluster.client.resource(running).updateStatus();
    create("""
        metadata: {name: cart-exp}
        spec:
          templates:
            - name: canary
              selector: {matchLabels: {app: cart}}
              template:
                metadata: {labels: {app: cart}}
                spec: {containers: [{name: app, image: "cart:v2"}]}
        """);
  }

  @Test
  void showsThePhaseTheTemplatesAndTheAnalyses() {
    Cli.Result result = cluster.ramp("get", "experiment", "checkout-exp");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out().lines().filter(line -> !line.startsWith("Running for:")))
        .containsExactly(
            "Name:          checkout-exp",
            "Namespace:     default",
            "Phase:         Running",
            "Duration:      10m",
            "",
            "TEMPLATE  STATUS   AVAILABLE  HASH    SERVICE",
            "baseline  Running  1/1        abc123  checkout-exp-baseline",
            "canary    Running  2/2        def456  -",
            "",
            "ANALYSIS  ANALYSISRUN          PHASE    MESSAGE",
            "errors    checkout-exp-errors  Running");
  }

  @Test
  void listsTheExperimentsOfTheNamespace() {
    Cli.Result result = cluster.ramp("list", "experiments");

    assertThat(result.out().lines().map(line -> line.replaceAll("\\s+\\d+s$", " <age>")))
        .containsExactly(
            "NAME          PHASE    DURATION          AGE",
            "cart-exp      Pending  until terminated <age>",
            "checkout-exp  Running  10m <age>");
  }

  @Test
  void anExperimentThatDoesNotExistIsAnError() {
    Cli.Result result = cluster.ramp("get", "experiment", "nope");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err()).contains("experiment \"nope\" not found in namespace \"default\"");
  }

  private static ExperimentStatus.TemplateStatus template(String name, int replicas,
      String hash, String service) {
    ExperimentStatus.TemplateStatus template = new ExperimentStatus.TemplateStatus();
    template.name = name;
    template.status = "Running";
    template.replicas = replicas;
    template.readyReplicas = replicas;
    template.availableReplicas = replicas;
    template.podTemplateHash = hash;
    template.serviceName = service;
    return template;
  }

  private static Experiment create(String yaml) {
    String manifest = "apiVersion: ramp.dev/v1alpha1\nkind: Experiment\n" + yaml;
    Experiment experiment = cluster.client.getKubernetesSerialization().unmarshal(
        new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8)), Experiment.class);
    return cluster.client.resources(Experiment.class).inNamespace(MockCluster.NAMESPACE)
        .resource(experiment).create();
  }
}
