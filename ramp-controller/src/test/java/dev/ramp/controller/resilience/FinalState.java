package dev.ramp.controller.resilience;

import dev.ramp.api.RampLabels;
import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.experiment.Experiment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a finished rollout leaves in its namespace, in a form two runs can be compared by: its
 * phase, step and stable revision, every ReplicaSet (revision and size, one entry per
 * ReplicaSet, so a duplicate shows), every AnalysisRun and Experiment (name and phase), the
 * revision each Service selects, each HTTPRoute rule's backends and weights and each AWS ALB
 * action's target groups and weights, and which Service of a ping-pong pair is the stable one.
 */
record FinalState(String phase, Integer step, String stableRevision, List<String> replicaSets,
    List<String> analysisRuns, List<String> experiments, Map<String, String> selectors,
    List<String> routeRules, String stablePingPong) {

  static FinalState of(SimulatedCluster cluster, String namespace, String rollout) {
    Rollout current = cluster.rollout(namespace, rollout);
    List<String> replicaSets = cluster.replicaSets(namespace).stream()
        .map(rs -> rs.getMetadata().getLabels().get(RampLabels.POD_TEMPLATE_HASH) + " x"
            + rs.getSpec().getReplicas())
        .sorted().toList();
    List<String> analysisRuns = cluster.client.resources(AnalysisRun.class)
        .inNamespace(namespace).list().getItems().stream()
        .map(run -> run.getMetadata().getName() + " "
            + (run.getStatus() == null ? null : run.getStatus().phase))
        .sorted().toList();
    List<String> experiments = cluster.client.resources(Experiment.class).inNamespace(namespace)
        .list().getItems().stream()
        .map(experiment -> experiment.getMetadata().getName() + " "
            + (experiment.getStatus() == null ? null : experiment.getStatus().phase))
        .sorted().toList();
    Map<String, String> selectors = cluster.client.services().inNamespace(namespace).list()
        .getItems().stream().collect(Collectors.toMap(s -> s.getMetadata().getName(),
            s -> s.getSpec().getSelector().getOrDefault(RampLabels.POD_TEMPLATE_HASH, "-"),
            (a, b) -> a, TreeMap::new));
    List<String> routeRules = cluster.client.resources(HTTPRoute.class).inNamespace(namespace)
        .list().getItems().stream()
        .flatMap(route -> route.getSpec().getRules().stream().map(rule -> route.getMetadata()
            .getName() + "/" + rule.getName() + ": " + rule.getBackendRefs().stream()
            .map(ref -> ref.getName() + "=" + ref.getWeight()).collect(Collectors.joining(", "))))
        .collect(Collectors.toCollection(ArrayList::new));
    cluster.client.network().v1().ingresses().inNamespace(namespace).list().getItems()
        .forEach(ingress -> AlbActions.weights(ingress).forEach((action, weights) ->
            routeRules.add(ingress.getMetadata().getName() + "/" + action + ": "
                + weights.entrySet().stream().map(w -> w.getKey() + "=" + w.getValue())
                    .collect(Collectors.joining(", ")))));
    Collections.sort(routeRules);
    var canary = current.getStatus().canary;
    return new FinalState(current.getStatus().phase, current.getStatus().currentStepIndex,
        current.getStatus().stableRevision, replicaSets, analysisRuns, experiments, selectors,
        routeRules, canary == null ? null : canary.stablePingPong);
  }

  /**
   * Done moving: only the stable revision has pods, every AnalysisRun and Experiment has ended,
   * and each route rule or ALB action sends its traffic to a single backend.
   */
  boolean settled() {
    return replicaSets.stream().filter(rs -> !rs.endsWith(" x0")).count() == 1
        && replicaSets.stream().anyMatch(rs -> rs.startsWith(stableRevision + " "))
        && Stream.concat(analysisRuns.stream(), experiments.stream()).noneMatch(run ->
            run.endsWith(" Running") || run.endsWith(" Pending") || run.endsWith(" null"))
        && routeRules.stream().allMatch(FinalState::singleBackend);
  }

  private static boolean singleBackend(String rule) {
    return Arrays.stream(rule.substring(rule.indexOf(": ") + 2).split(", "))
        .filter(backend -> !backend.endsWith("=0")).count() <= 1;
  }
}
