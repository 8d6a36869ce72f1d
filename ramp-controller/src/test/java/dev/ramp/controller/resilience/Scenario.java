package dev.ramp.controller.resilience;

import dev.ramp.engine.RouterYaml;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A rollout story the resilience tests put the controller through: the manifests applied first
 * (the Rollout {@code checkout} on {@code demo:v1} and what it needs), then an update to
 * {@code image}, which ends in {@code outcome}: {@code Healthy} on the new revision, or
 * {@code Aborted} back on the old one after a failed analysis, with {@code replicaSets}
 * ReplicaSets left (the two revisions', and a fresh baseline's or an experiment's scaled to 0).
 */
record Scenario(String name, String manifests, String image, String outcome, int replicaSets) {
  static final String ROLLOUT = "checkout";
  /** Where the analysis template reads error rates: replaced by {@link RevisionErrors#url}. */
  static final String ERRORS_URL = "ERRORS_URL";

  private static final String ANALYSIS_ARGS = """
      args:
        - {name: namespace, valueFrom: {fieldRef: {fieldPath: metadata.namespace}}}
        - {name: revision, valueFrom: {fieldRef: {fieldPath: status.updatedRevision}}}
      """;
  private static final String ERROR_RATE_TEMPLATE = """
      apiVersion: ramp.dev/v1alpha1
      kind: AnalysisTemplate
      metadata: {name: error-rate}
      spec:
        args: [{name: namespace}, {name: revision}]
        metrics:
          - name: error-rate
            successCondition: "result < 0.05"
            failureCondition: "result >= 0.1"
            provider:
              web:
                url: "ERRORS_URL/errors/{{args.namespace}}/{{args.revision}}"
                jsonPath: "$.errorRate"
      """;
  private static final String CANARY_SERVICES = services("checkout-stable", "checkout-canary");
  private static final String ROLLOUT_HEAD = """
      apiVersion: ramp.dev/v1alpha1
      kind: Rollout
      metadata:
        name: checkout
        annotations: {notifications.ramp.dev/subscribe.watch: ""}
      spec:
        replicas: 4
        selector: {matchLabels: {app: checkout}}
        template:
          metadata: {labels: {app: checkout}}
          spec: {containers: [{name: app, image: "demo:v1"}]}
        strategy:
      """;
  /** Weights on an HTTPRoute, a header route for testers, a timed pause, an analysis step. */
  private static final String CANARY_WITH_GATEWAY = ERROR_RATE_TEMPLATE + "---\n"
      + CANARY_SERVICES + """
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata: {name: checkout}
      spec:
        parentRefs: [{name: gateway}]
        rules:
          - name: main
            backendRefs: [{name: checkout-stable, port: 80}]
      ---
      """ + ROLLOUT_HEAD + """
          canary:
            stableService: checkout-stable
            canaryService: checkout-canary
            scaleDownDelaySeconds: 1
            abortScaleDownDelaySeconds: 1
            trafficRouting: {gatewayAPI: {httpRoute: checkout}}
            steps:
              - setWeight: 25
              - setHeaderRoute:
                  name: testers
                  match: [{headerName: x-canary, headerValue: {exact: "yes"}}]
              - pause: {duration: 1s}
              - analysis:
                  templates: [{templateName: error-rate}]
      """ + ANALYSIS_ARGS.indent(12) + """
              - setWeight: 75
      """;
  /**
   * The HTTPRoute canary with a fresh baseline: a third ReplicaSet, of the stable template,
   * started with the canary and weighted like it on the route, gone at the promotion.
   */
  private static final String CANARY_WITH_BASELINE = CANARY_WITH_GATEWAY.replaceAll(
      "( *)stableService: checkout-stable\n", "$1stableService: checkout-stable\n"
          + "$1baseline: {matchCanary: true}\n$1baselineService: checkout-baseline\n")
      + "---\n" + services("checkout-baseline");
  /**
   * The HTTPRoute canary with an experiment step in place of the pause: an Experiment of the
   * stable and canary templates that runs 1 s and until the error-rate analysis has succeeded
   * (so that a failing release fails it), whose ReplicaSets are scaled to 0 once it has ended.
   */
  private static final String CANARY_WITH_EXPERIMENT = CANARY_WITH_GATEWAY.replace("""
              - pause: {duration: 1s}
      """, """
              - experiment:
                  duration: 1s
                  templates:
                    - {name: baseline, specRef: stable}
                    - {name: canary, specRef: canary}
                  analyses:
                    - name: errors
                      templateName: error-rate
                      requiredForCompletion: true
      """ + ANALYSIS_ARGS.indent(16));
  /** Without traffic routing: the weight is approximated by the number of pods. */
  private static final String CANARY_WITH_SERVICES = CANARY_SERVICES + "---\n" + ROLLOUT_HEAD
      + """
          canary:
            stableService: checkout-stable
            canaryService: checkout-canary
            scaleDownDelaySeconds: 1
            steps:
              - setWeight: 25
              - pause: {duration: 1s}
              - setWeight: 75
      """;
  /**
   * Argo Rollouts' ping-pong Services behind an AWS ALB: the canary's Service gets all the
   * traffic at the end and becomes the stable one, a swap recorded in the status write that makes
   * the new revision stable.
   */
  private static final String PING_PONG = services("checkout-ping", "checkout-pong") + "---\n"
      + RouterYaml.albIngress("checkout", "checkout-root") + "---\n" + ROLLOUT_HEAD + """
          canary:
            pingPong: {pingService: checkout-ping, pongService: checkout-pong}
            scaleDownDelaySeconds: 1
            trafficRouting:
              alb: {ingress: checkout, servicePort: 80, rootService: checkout-root}
            steps:
              - setWeight: 25
              - pause: {duration: 1s}
              - setWeight: 75
      """;
  private static final String BLUE_GREEN = ERROR_RATE_TEMPLATE + "---\n"
      + services("checkout-active", "checkout-preview") + "---\n" + ROLLOUT_HEAD + """
          blueGreen:
            activeService: checkout-active
            previewService: checkout-preview
            previewReplicaCount: 1
            scaleDownDelaySeconds: 1
            abortScaleDownDelaySeconds: 1
            prePromotionAnalysis:
              templates: [{templateName: error-rate}]
      """ + ANALYSIS_ARGS.indent(8);

  /** Services selecting the rollout's pods, before Ramp pins them to a revision. */
  private static String services(String... names) {
    return Arrays.stream(names).map(name -> """
        apiVersion: v1
        kind: Service
        metadata: {name: %s}
        spec: {selector: {app: checkout}, ports: [{port: 80}]}
        """.formatted(name)).collect(Collectors.joining("---\n"));
  }

  static List<Scenario> all() {
    return List.of(
        new Scenario("gateway", CANARY_WITH_GATEWAY, "demo:v2", "Healthy"),
        new Scenario("abort", CANARY_WITH_GATEWAY, "demo:v2-bad", "Aborted"),
        new Scenario("services", CANARY_WITH_SERVICES, "demo:v2", "Healthy"),
        new Scenario("pingpong", PING_PONG, "demo:v2", "Healthy"),
        new Scenario("bluegreen", BLUE_GREEN, "demo:v2", "Healthy"),
        new Scenario("bluegreen-abort", BLUE_GREEN, "demo:v2-bad", "Aborted"),
        new Scenario("baseline", CANARY_WITH_BASELINE, "demo:v2", "Healthy", 3),
        new Scenario("experiment", CANARY_WITH_EXPERIMENT, "demo:v2", "Healthy", 4),
        new Scenario("experiment-abort", CANARY_WITH_EXPERIMENT, "demo:v2-bad", "Aborted", 4));
  }

  Scenario(String name, String manifests, String image, String outcome) {
    this(name, manifests, image, outcome, 2);
  }

  static Scenario named(String name) {
    return all().stream().filter(scenario -> scenario.name.equals(name)).findFirst()
        .orElseThrow();
  }

  @Override
  public String toString() {
    return name;
  }
}
