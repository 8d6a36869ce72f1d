package dev.ramp.engine.spec;

import dev.ramp.api.BlueGreenStrategy;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.RolloutSpec;
import dev.ramp.api.analysis.RolloutAnalysis;
import dev.ramp.engine.WorkloadView;
import dev.ramp.engine.canary.CanarySteps;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.time.Duration;

/**
 * A valid spec as Ramp follows it: each optional field's value or its default (Argo Rollouts'
 * defaults, so that a rollout moved over behaves the same), and what follows from the fields
 * (the steps of a blue-green update, the pods a surge may add).
 */
public final class EffectiveSpec {
  private static final String DEFAULT_MAX_SURGE = "25%";
  private static final String DEFAULT_MAX_UNAVAILABLE = "25%";
  private static final int DEFAULT_REPLICAS = 1;
  private static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;
  private static final int DEFAULT_SCALE_DOWN_DELAY_SECONDS = 30;
  private static final int DEFAULT_REVISION_HISTORY_LIMIT = 10;

  private final RolloutSpec spec;
  private final PodTemplateSpec template;
  private final LabelSelector selector;
  private final int replicas;
  private final CanarySteps steps;
  private final int maxSurge;
  private final int maxUnavailable;

  private EffectiveSpec(RolloutSpec spec, WorkloadView workload) {
    this.spec = spec;
    template = spec.template != null ? spec.template : workload.template();
    selector = spec.selector != null ? spec.selector : workload.selector();
    replicas = spec.replicas == null ? DEFAULT_REPLICAS : spec.replicas;
    CanaryStrategy canary = canary();
    steps = CanarySteps.of(spec.strategy, replicas);
    int surge = Percentages.resolve(canary == null ? null : canary.maxSurge, DEFAULT_MAX_SURGE,
        replicas, true);
    int unavailable = Percentages.resolve(canary == null ? null : canary.maxUnavailable,
        DEFAULT_MAX_UNAVAILABLE, replicas, false);
    maxSurge = surge;
    // as Deployments do, so that a rolling change can always move
    maxUnavailable = surge == 0 && unavailable == 0 ? 1 : unavailable;
  }

  /**
   * The spec with its defaults, for a spec {@link SpecValidator} accepts.
   *
   * @param workload the Deployment of spec.workloadRef, which gives the template and selector
   *     the spec leaves out (null without workloadRef)
   */
  public static EffectiveSpec of(RolloutSpec spec, WorkloadView workload) {
    return new EffectiveSpec(spec, workload);
  }

  /** The canary strategy, or null for a blue-green rollout. */
  public CanaryStrategy canary() {
    return spec.strategy.canary;
  }

  /** The blue-green strategy, or null for a canary. */
  public BlueGreenStrategy blueGreen() {
    return spec.strategy.blueGreen;
  }

  /** "canary" or "blueGreen", as the field is named in the spec. */
  public String strategyName() {
    return canary() != null ? "canary" : "blueGreen";
  }

  /** The analysis that runs in the background while a canary is updated, or null. */
  public RolloutAnalysis backgroundAnalysis() {
    return canary() == null ? null : canary().analysis;
  }

  /** Desired replicas when the rollout is complete. */
  public int replicas() {
    return replicas;
  }

  /** The canary's steps, or those a blue-green update goes through. */
  public CanarySteps steps() {
    return steps;
  }

  /** The pod template being rolled out (from spec.template or the workloadRef Deployment). */
  public PodTemplateSpec template() {
    return template;
  }

  public LabelSelector selector() {
    return selector;
  }

  /** How many pods a rolling change may add above {@link #replicas()}. */
  public int maxSurge() {
    return maxSurge;
  }

  /**
   * How many of {@link #replicas()} may be unavailable during a rolling change: at least one
   * when no surge is allowed.
   */
  public int maxUnavailable() {
    return maxUnavailable;
  }

  /**
   * True when the stable ReplicaSet gives up the pods the canary takes: always without a traffic
   * router (the canary's share of the pods is its weight), with one under dynamicStableScale.
   */
  public boolean dynamicStableScale() {
    return basicCanary() || (routed() && Boolean.TRUE.equals(canary().dynamicStableScale));
  }

  /** A canary without a traffic router: its share of the pods is its share of the requests. */
  public boolean basicCanary() {
    return canary() != null && !routed();
  }

  /** True when a traffic router sets the canary's share of requests. */
  public boolean routed() {
    return canary() != null && canary().trafficRouting != null;
  }

  /** True when two Services take turns as the stable one (canary.pingPong). */
  public boolean pingPong() {
    return canary() != null && canary().pingPong != null;
  }

  /** True when the router splits by subsets Ramp pins to revisions (Istio DestinationRule). */
  public boolean pinsSubsets() {
    return routed() && canary().trafficRouting.istio != null
        && canary().trafficRouting.istio.destinationRule != null;
  }

  /**
   * True when a router or a Service switch takes the users away from an aborted or replaced
   * revision before its pods go, so they can be kept for abortScaleDownDelaySeconds. Without,
   * a canary's pods serve users for as long as they exist.
   */
  public boolean trafficLeavesFirst() {
    return routed() || blueGreen() != null;
  }

  public boolean userPaused() {
    return Boolean.TRUE.equals(spec.paused);
  }

  /** When a restart of the pods was asked for (spec.restartAt), or null. */
  public String restartAt() {
    return spec.restartAt;
  }

  public Duration progressDeadline() {
    return seconds(spec.progressDeadlineSeconds, DEFAULT_PROGRESS_DEADLINE_SECONDS);
  }

  public boolean progressDeadlineAbort() {
    return Boolean.TRUE.equals(spec.progressDeadlineAbort);
  }

  /** How long a replaced stable revision keeps its pods after a promotion. */
  public Duration scaleDownDelay() {
    return seconds(canary() != null ? canary().scaleDownDelaySeconds
        : blueGreen().scaleDownDelaySeconds, DEFAULT_SCALE_DOWN_DELAY_SECONDS);
  }

  /** How long an aborted or abandoned revision keeps its pods, when traffic leaves it first. */
  public Duration abortScaleDownDelay() {
    return seconds(canary() != null ? canary().abortScaleDownDelaySeconds
        : blueGreen().abortScaleDownDelaySeconds, DEFAULT_SCALE_DOWN_DELAY_SECONDS);
  }

  /** How many old ReplicaSets, scaled to zero, are kept for undo. */
  public int revisionHistoryLimit() {
    return spec.revisionHistoryLimit == null
        ? DEFAULT_REVISION_HISTORY_LIMIT : spec.revisionHistoryLimit;
  }

  private static Duration seconds(Integer seconds, int fallback) {
    return Duration.ofSeconds(seconds == null ? fallback : seconds);
  }
}
