package dev.ramp.controller.observability;

import dev.ramp.api.Phase;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutCondition;
import dev.ramp.api.RolloutStatus;
import dev.ramp.engine.Times;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Rollout metrics, read from the changes of the Rollouts' status as the API server reports them:
 * {@code ramp_rollouts{phase}}, {@code ramp_rollout_step_transitions_total{namespace,rollout}},
 * and how long a new revision took to be promoted ({@code ramp_time_to_promotion_seconds}: until
 * the rollout is Healthy with it stable) or aborted ({@code ramp_time_to_abort_seconds}).
 */
final class RolloutMetrics implements ResourceEventHandler<Rollout> {
  private static final Duration[] RELEASE_BUCKETS = {Duration.ofSeconds(10),
      Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
      Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1),
      Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(24)};
  private final MeterRegistry registry;
  private final Clock clock;
  private final Timer toPromotion;
  private final Timer toAbort;
  /** The update each rollout (by uid) is going through: its revision, and since when. */
  private final Map<String, Update> updates = new ConcurrentHashMap<>();

  private record Update(String revision, Instant start) {}

  RolloutMetrics(MeterRegistry registry, Clock clock, Supplier<Collection<Rollout>> rollouts) {
    this.registry = registry;
    this.clock = clock;
    for (Phase phase : Phase.values()) {
      Gauge.builder("ramp.rollouts", () -> rollouts.get().stream()
              .filter(r -> r.getStatus() != null && phase.name().equals(r.getStatus().phase))
              .count())
          .description("Rollouts by phase").tag("phase", phase.name()).register(registry);
    }
    toPromotion = Timer.builder("ramp.time.to.promotion")
        .description("From a new revision to the rollout Healthy with it stable")
        .serviceLevelObjectives(RELEASE_BUCKETS).register(registry);
    toAbort = Timer.builder("ramp.time.to.abort").description("From a new revision to its abort")
        .serviceLevelObjectives(RELEASE_BUCKETS).register(registry);
  }

  @Override
  public void onAdd(Rollout rollout) {
    track(rollout.getMetadata().getUid(), rollout.getStatus(), startOfUpdate(rollout.getStatus()));
  }

  @Override
  public void onUpdate(Rollout before, Rollout after) {
    RolloutStatus old = before.getStatus();
    RolloutStatus now = after.getStatus();
    if (now == null) {
      return;
    }
    if (old != null && Objects.equals(old.updatedRevision, now.updatedRevision)
        && old.currentStepIndex != null && now.currentStepIndex != null
        && now.currentStepIndex > old.currentStepIndex) {
      Counter.builder("ramp.rollout.step.transitions").description("Rollout steps completed")
          .tag("namespace", after.getMetadata().getNamespace())
          .tag("rollout", after.getMetadata().getName())
          .register(registry).increment(now.currentStepIndex - old.currentStepIndex);
    }
    String uid = after.getMetadata().getUid();
    Update update = updates.get(uid);
    if (update != null && promoted(now, update.revision)) {
      updates.remove(uid);
      toPromotion.record(since(update.start));
    } else if (update != null && isAborted(now) && !isAborted(old)) {
      updates.remove(uid);
      toAbort.record(since(update.start));
    }
    track(uid, now, clock.instant());
  }

  @Override
  public void onDelete(Rollout rollout, boolean finalStateUnknown) {
    updates.remove(rollout.getMetadata().getUid());
  }

  /** Starts timing a revision being rolled out, unless it already is (or is aborted). */
  private void track(String uid, RolloutStatus status, Instant start) {
    if (status != null && status.updatedRevision != null
        && !status.updatedRevision.equals(status.stableRevision) && !isAborted(status)) {
      updates.compute(uid, (key, current) -> current != null
          && current.revision.equals(status.updatedRevision) ? current
          : new Update(status.updatedRevision, start));
    }
  }

  private static boolean promoted(RolloutStatus status, String revision) {
    return Phase.Healthy.name().equals(status.phase) && revision.equals(status.stableRevision);
  }

  private static boolean isAborted(RolloutStatus status) {
    return status != null && Phase.Aborted.name().equals(status.phase);
  }

  /**
   * When the update of a rollout first seen mid-way began (after a restart or a change of
   * leader): its Completed condition turned false then.
   */
  private Instant startOfUpdate(RolloutStatus status) {
    if (status == null || status.conditions == null) {
      return clock.instant();
    }
    return status.conditions.stream()
        .filter(c -> RolloutCondition.COMPLETED.equals(c.type) && "False".equals(c.status)
            && c.lastTransitionTime != null)
        .findFirst().map(c -> Times.parse(c.lastTransitionTime, clock.instant()))
        .orElseGet(clock::instant);
  }

  private Duration since(Instant start) {
    Duration elapsed = Duration.between(start, clock.instant());
    return elapsed.isNegative() ? Duration.ZERO : elapsed;
  }
}
