package dev.ramp.cli.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.cli.Cli;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lint}: offline checks, named by file, document and field. */
class LintCommandTest {
  private static final String ROLLOUT = """
      apiVersion: ramp.dev/v1alpha1
      kind: Rollout
      metadata: {name: checkout}
      spec:
        replicas: 5
        selector: {matchLabels: {app: checkout}}
        template:
          metadata: {labels: {app: %s}}
          spec: {containers: [{name: app, image: example/checkout:v1}]}
        strategy:
          canary:
            steps:
              - setWeight: %d
              - pause: {duration: %s}
      """;
  private static final String TEMPLATE = """
      apiVersion: ramp.dev/v1alpha1
      kind: %s
      metadata: {name: error-rate}
      spec:
        metrics:
          - name: error-rate
            successCondition: "%s"
            failureCondition: "result[0] >= 0.05"
            provider:
              web: {url: "http://stats/api", jsonPath: "$.errorRate"}
      """;
  private static final String SERVICE = """
      apiVersion: v1
      kind: Service
      metadata: {name: checkout-stable}
      spec: {selector: {app: checkout}}
      """;

  @TempDir Path dir;

  private Path file(String name, String... documents) throws IOException {
    return Files.writeString(dir.resolve(name), String.join("---\n", documents));
  }

  private static String rollout(String label, int weight, String pause) {
    return ROLLOUT.formatted(label, weight, pause);
  }

  private static String template(String kind, String successCondition) {
    return TEMPLATE.formatted(kind, successCondition);
  }

  @Test
  void cleanManifestsAreOk() throws IOException {
    Path good = file("good.yaml", rollout("checkout", 20, "30s"),
        template("AnalysisTemplate", "result[0] < 0.01"), SERVICE,
        template("ClusterAnalysisTemplate", "size(result) == 0 || result[0] < 0.01"));

    Cli.Result result = Cli.run("lint", good.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo(good + ": document 3 (Service checkout-stable): skipped:"
        + " only Rollout, AnalysisTemplate, ClusterAnalysisTemplate and the ConfigMap"
        + " ramp-notifications are checked\n"
        + good + ": ok (4 documents)\n");
  }

  @Test
  void aSchemaErrorNamesTheDocumentAndTheField() throws IOException {
    Path bad = file("rollout.yaml", template("AnalysisTemplate", "result[0] < 0.01"),
        rollout("checkout", 120, "30s"));

    Cli.Result result = Cli.run("lint", bad.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEqualTo(bad + ": document 2 (Rollout checkout):"
        + " spec.strategy.canary: Invalid value: object: setWeight must be at most 100, or"
        + " trafficRouting.maxTrafficWeight when set\n");
  }

  /** Argo Rollouts' way of passing the count, limits and durations in arguments. */
  private static final String ARGO_TEMPLATE = """
      apiVersion: ramp.dev/v1alpha1
      kind: AnalysisTemplate
      metadata: {name: analysis-args}
      spec:
        args:
        - name: analysis-interval
          value: "%s"
        - name: analysis-runs
          value: "10"
        - name: failure-limit
        metrics:
        - name: webmetric
          count: "{{args.analysis-runs}}"
          interval: "{{args.analysis-interval}}"
          initialDelay: "{{args.analysis-interval}}"
          failureLimit: "{{args.failure-limit}}"
          inconclusiveLimit: %s
          consecutiveErrorLimit: "2"
          successCondition: result == "It worked!"
          provider:
            web: {url: "http://stats/api", jsonPath: "{$.message}"}
      """;

  @Test
  void aTemplateTakingItsCountLimitsAndDurationsFromArgumentsIsOk() throws IOException {
    Path good = file("argo.yaml", ARGO_TEMPLATE.formatted("100s", 1));

    Cli.Result result = Cli.run("lint", good.toString());

    assertThat(result.out()).isEqualTo(good + ": ok (1 document)\n");
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void aLimitInWordsIsRefusedByTheSchemaAndADefaultThatIsNoDurationByTheControllersCheck()
      throws IOException {
    Path words = file("words.yaml", ARGO_TEMPLATE.formatted("100s", "one"));
    Path soon = file("soon.yaml", ARGO_TEMPLATE.formatted("soon", 1));

    Cli.Result wordsResult = Cli.run("lint", words.toString());
    Cli.Result soonResult = Cli.run("lint", soon.toString());

    assertThat(wordsResult.exitCode()).isEqualTo(1);
    assertThat(wordsResult.out()).startsWith(words + ": document 1 (AnalysisTemplate"
        + " analysis-args): spec.metrics[0].inconclusiveLimit: Invalid value: \"one\": must be a"
        + " whole number, or a string holding {{args.name}}");
    assertThat(soonResult.exitCode()).isEqualTo(1);
    assertThat(soonResult.out().lines()).containsExactly(
        soon + ": document 1 (AnalysisTemplate analysis-args): spec.metrics[0]: metric"
            + " webmetric: interval is \"{{args.analysis-interval}}\" = \"soon\": \"soon\" is"
            + " not a duration (write 30, 30s, 5m or 1h30m)",
        soon + ": document 1 (AnalysisTemplate analysis-args): spec.metrics[0]: metric"
            + " webmetric: initialDelay is \"{{args.analysis-interval}}\" = \"soon\": \"soon\""
            + " is not a duration (write 30, 30s, 5m or 1h30m)");
  }

  /** A judge on two signals, as docs/analysis.md writes it; {@code %s} is the second's name. */
  private static final String SIGNALS_TEMPLATE = """
      apiVersion: ramp.dev/v1alpha1
      kind: AnalysisTemplate
      metadata: {name: judge}
      spec:
        args: [{name: canary}, {name: stable}]
        metrics:
          - name: judge
            interval: 10s
            provider:
              compare:
                canaryRevision: "{{args.canary}}"
                stableRevision: "{{args.stable}}"
                signals:
                  - name: errors
                    prometheus:
                      address: http://prometheus.monitoring:9090
                      events: sum(http_requests_total{revision="{{revision}}",code=~"5.."})
                      requests: sum(http_requests_total{revision="{{revision}}"})
                  - name: %s
                    maxRatio: %s
                    prometheus:
                      address: http://prometheus.monitoring:9090
                      histogram: http_request_duration_seconds{revision="{{revision}}"}
                      slowerThan: 300ms
      """;

  @Test
  void aJudgeOnSeveralSignalsNeedsADifferentNameAndASensibleMaxRatioForEach()
      throws IOException {
    Path good = file("signals.yaml", SIGNALS_TEMPLATE.formatted("slow", "2"));
    Path twice = file("twice.yaml", SIGNALS_TEMPLATE.formatted("errors", "2"));
    Path below = file("below.yaml", SIGNALS_TEMPLATE.formatted("slow", "0.5"));

    Cli.Result goodResult = Cli.run("lint", good.toString());
    Cli.Result twiceResult = Cli.run("lint", twice.toString());
    Cli.Result belowResult = Cli.run("lint", below.toString());

    assertThat(goodResult.out()).isEqualTo(good + ": ok (1 document)\n");
    assertThat(goodResult.exitCode()).isZero();
    assertThat(twiceResult.exitCode()).isEqualTo(1);
    assertThat(twiceResult.out()).startsWith(twice + ": document 1 (AnalysisTemplate judge):"
        + " spec.metrics[0].provider.compare.signals: Invalid value: ")
        .contains(": compare.signals must have different names");
    assertThat(belowResult.exitCode()).isEqualTo(1);
    assertThat(belowResult.out()).isEqualTo(below + ": document 1 (AnalysisTemplate judge):"
        + " spec.metrics[0]: metric judge: compare.signals[1].maxRatio must be above 1 and"
        + " below 64 (is 0.5)\n");
  }

  @Test
  void theControllersChecksFollowTheSchema() throws IOException {
    Path bad = file("semantic.yaml", rollout("other", 20, "soon"));

    Cli.Result result = Cli.run("lint", bad.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out().lines()).containsExactly(
        bad + ": document 1 (Rollout checkout): spec.selector \"app=checkout\" does not match"
            + " the labels of spec.template {app=other}",
        bad + ": document 1 (Rollout checkout): spec.strategy.canary.steps[1].pause.duration:"
            + " \"soon\" is not a duration (write 30, 30s, 5m or 1h30m)");
  }

  @Test
  void quantitiesPortsAndLabelsOfThePodTemplateAreCheckedAsTheControllerDoes()
      throws IOException {
    Path bad = file("values.yaml", rollout("checkout", 20, "30s").replace(
        "spec: {containers: [{name: app, image: example/checkout:v1}]}", """
        spec:
              containers:
                - name: app
                  image: example/checkout:v1
                  resources: {requests: {memory: invalid}, limits: {cpu: two}}
                  livenessProbe: {tcpSocket: {port: web server}}
        """.stripTrailing()).replace("labels: {app: checkout}",
        "labels: {app: checkout, team: check out}"));

    Cli.Result result = Cli.run("lint", bad.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    String at = bad + ": document 1 (Rollout checkout): spec.template.";
    assertThat(result.out().lines()).containsExactly(
        at + "metadata.labels.team: \"check out\" is not a valid label value (63 characters or"
            + " less: letters, digits, '-', '_' or '.', beginning and ending with a letter or"
            + " digit)",
        at + "spec.containers[0].livenessProbe.tcpSocket.port: \"web server\" is not a port"
            + " number or name (a name has at most 15 lower-case letters, digits and '-', and at"
            + " least one letter)",
        at + "spec.containers[0].resources.limits.cpu: \"two\" is not a quantity (such as 500m,"
            + " 128Mi, 2)",
        at + "spec.containers[0].resources.requests.memory: \"invalid\" is not a quantity (such"
            + " as 500m, 128Mi, 2)");
  }

  @Test
  void aGatewayApiRouterNamesOneRouteAndATcpRouteCarriesWeightsOnly() throws IOException {
    String routed = rollout("checkout", 20, "30s").replace("      steps:\n", """
              stableService: checkout-stable
              canaryService: checkout-canary
              trafficRouting: {gatewayAPI: %s}
              steps:
                - setMirrorRoute: {name: shadow, percentage: 10}
        """);
    Path twoRoutes = file("two-routes.yaml",
        routed.formatted("{httpRoute: checkout, grpcRoute: checkout}"));
    Path tcp = file("tcp.yaml", routed.formatted("{tcpRoute: checkout}"));
    Path grpc = file("grpc.yaml", routed.formatted("{grpcRoute: checkout}"));

    Cli.Result result = Cli.run("lint", twoRoutes.toString(), tcp.toString(), grpc.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out().lines()).containsExactly(
        twoRoutes + ": document 1 (Rollout checkout): spec.strategy.canary.trafficRouting"
            + ".gatewayAPI: Invalid value: object: gatewayAPI must set exactly one of httpRoute,"
            + " grpcRoute, tcpRoute",
        tcp + ": document 1 (Rollout checkout): spec.strategy.canary.steps[0]: Gateway API"
            + " TCPRoute cannot mirror traffic (setMirrorRoute)",
        grpc + ": ok (1 document)");
  }

  @Test
  void aConditionThatDoesNotCompile() throws IOException {
    Path bad = file("template.yaml", template("ClusterAnalysisTemplate", "result[0] <"));

    Cli.Result result = Cli.run("lint", bad.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).startsWith(bad + ": document 1 (ClusterAnalysisTemplate error-rate):"
        + " spec.metrics[0]: metric error-rate: successCondition: condition result[0] < does not"
        + " compile:");
  }

  @Test
  void anUnservedVersionAndYamlThatCannotBeRead() throws IOException {
    Path version = file("version.yaml",
        template("AnalysisTemplate", "result[0] < 0.01").replace("v1alpha1", "v1"));
    Path broken = file("broken.yaml", SERVICE, "kind: [Rollout\n");

    Cli.Result result = Cli.run("lint", version.toString(), broken.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out().lines()).contains(
        version + ": document 1 (AnalysisTemplate error-rate): apiVersion: Unsupported value:"
            + " \"ramp.dev/v1\": supported values: \"ramp.dev/v1alpha1\"");
    assertThat(result.out().lines()).anySatisfy(line -> assertThat(line)
        .startsWith(broken + ": not valid YAML after document 1: "));
  }

  @Test
  void eachFileIsReported() throws IOException {
    Path good = file("good.yaml", rollout("checkout", 20, "30s"));
    Path missing = dir.resolve("missing.yaml");

    Cli.Result result = Cli.run("lint", good.toString(), missing.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEqualTo(good + ": ok (1 document)\n"
        + missing + ": cannot be read: no such file\n");
  }

  @Test
  void standardInput() {
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream(rollout("checkout", 101, "30s")
          .getBytes(StandardCharsets.UTF_8)));
      Cli.Result result = Cli.run("lint", "-");

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.out()).startsWith("stdin: document 1 (Rollout checkout):"
          + " spec.strategy.canary: Invalid value: object: setWeight must be at most 100");
    } finally {
      System.setIn(stdin);
    }
  }

  private static final String NOTIFICATIONS = """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: ramp-notifications, namespace: ramp-system}
      data:
        service.webhook.releases: |
          url: $releases-url
          secret: $signing-key
        service.pigeon: "loft: roof"
        template.rollout-aborted: |
          message: "{{#name}} aborted"
        trigger.on-release-stuck: |
          - when: "rollout.status.phase =="
            send: [release-stuck]
      """;

  @Test
  void theNotificationsConfigMapIsCheckedAndTheSubscriptionsAgainstIt() throws IOException {
    Path config = file("notifications.yaml", NOTIFICATIONS);
    Path rollouts = file("rollout.yaml", rollout("checkout", 20, "30s").replace(
        "metadata: {name: checkout}", """
            metadata:
              name: checkout
              annotations:
                notifications.ramp.dev/subscribe.on-rollout-completed.releases: ""
                notifications.ramp.dev/subscribe.on-rollout-completed.relases: ""
                notifications.ramp.dev/subscribe.on-rollout-exploded.releases: ''"""));

    Cli.Result result = Cli.run("lint", rollouts.toString(), config.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    String at = rollouts + ": document 1 (Rollout checkout): metadata.annotations:"
        + " notifications.ramp.dev/subscribe.";
    String in = config + ": document 1 (ConfigMap ramp-notifications): ";
    assertThat(result.out().lines().toList()).containsExactly(
        at + "on-rollout-completed.relases: service \"relases\" is not in ConfigMap"
            + " ramp-notifications (services: pigeon, releases)",
        at + "on-rollout-exploded.releases: trigger \"on-rollout-exploded\" is neither built in"
            + " nor in ConfigMap ramp-notifications",
        in + "service.pigeon: unknown service type \"pigeon\" (known: email, grafana, pagerdutyv2, slack, teams, webhook)",
        in + "template.rollout-aborted: \"message\" is not a valid template: Failed to close"
            + " 'name' tag @[rollout-aborted.message:1]",
        in + "trigger.on-release-stuck: \"rollout.status.phase ==\" does not compile: ERROR:"
            + " <input>:1:24: mismatched input '<EOF>' expecting {'[', '{', '(', '.', '-', '!',"
            + " 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}",
        " | rollout.status.phase ==",
        " | .......................^",
        in + "trigger.on-release-stuck sends template \"release-stuck\", which is not in ConfigMap"
            + " ramp-notifications");
  }

  @Test
  void withoutTheConfigMapOnlyTheTriggersOfSubscriptionsAreChecked() throws IOException {
    Path rollouts = file("rollout.yaml", rollout("checkout", 20, "30s").replace(
        "metadata: {name: checkout}", """
            metadata:
              name: checkout
              annotations:
                notifications.ramp.dev/subscribe.on-rollout-aborted.anything: ""
                notifications.ramp.dev/subscribe.on-rollout-exploded.anything: ''"""));

    Cli.Result result = Cli.run("lint", rollouts.toString());

    assertThat(result.out()).isEqualTo(rollouts + ": document 1 (Rollout checkout):"
        + " metadata.annotations: notifications.ramp.dev/subscribe.on-rollout-exploded.anything:"
        + " trigger \"on-rollout-exploded\" is not built in, and the input has no ConfigMap"
        + " ramp-notifications to define it\n");
  }
}
