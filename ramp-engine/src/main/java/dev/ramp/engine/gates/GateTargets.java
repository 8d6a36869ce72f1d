package dev.ramp.engine.gates;

import dev.ramp.api.BlueGreenStrategy;
import dev.ramp.api.CanaryStep;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.RolloutSpec;
import dev.ramp.api.analysis.JobMetric;
import dev.ramp.api.gates.Gate;
import dev.ramp.api.gates.GateHeader;
import dev.ramp.api.gates.GateStatus;
import dev.ramp.api.gates.Hook;
import dev.ramp.api.gates.Hooks;
import dev.ramp.engine.spec.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/** The gates and hooks a rollout's spec declares, and what a status record asks. */
public final class GateTargets {
  /** How often a gate or the rollback hook is asked when its interval is left out. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  /** How often a hook's Job is looked at while it runs. */
  public static final Duration JOB_INTERVAL = Duration.ofSeconds(5);

  private GateTargets() {}

  /**
   * What to ask: a URL (with headers) or a Job, how often, and for a gate how long at most.
   *
   * @param timeout null when the gate waits for as long as it takes (and for hooks)
   * @param job the Job of a hook that runs one, else null
   */
  public record Target(String url, List<GateHeader> headers, Duration interval, Duration timeout,
      JobMetric job) {}

  /** The gates of the strategy (canary or blue-green), never null. */
  public static List<Gate> gates(RolloutSpec spec) {
    List<Gate> gates = strategy(spec, c -> c.gates, b -> b.gates);
    return gates == null ? List.of() : gates;
  }

  /** The hooks of the strategy, or empty ones. */
  public static Hooks hooks(RolloutSpec spec) {
    Hooks hooks = strategy(spec, c -> c.hooks, b -> b.hooks);
    return hooks == null ? new Hooks() : hooks;
  }

  /** The gate a gate step or a point names: written in the step, else from gates by name. */
  public static Optional<Gate> gate(RolloutSpec spec, String name) {
    Stream<Gate> inline = steps(spec).stream().map(step -> step.gate)
        .filter(g -> g != null && g.url != null && name.equals(g.name));
    Stream<Gate> declared = gates(spec).stream().filter(g -> name.equals(g.name));
    return Stream.concat(inline, declared).findFirst();
  }

  /** What the record asks, or empty when the spec no longer has it. */
  public static Optional<Target> of(RolloutSpec spec, GateStatus record) {
    GatePoint point = GatePoint.of(record.point).orElse(null);
    if (point == null || spec == null || spec.strategy == null) {
      return Optional.empty();
    }
    Hooks hooks = hooks(spec);
    try {
      return target(spec, point, record, hooks);
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // an unreadable duration: reported as an invalid spec
    }
  }

  private static Optional<Target> target(RolloutSpec spec, GatePoint point, GateStatus record,
      Hooks hooks) {
    return switch (point) {
      case RELEASE, WEIGHT_INCREASE, PROMOTION, STEP -> gate(spec, record.name)
          .map(g -> new Target(g.url, headers(g.headers), interval(g.interval),
              g.timeout == null ? null : Durations.parse(g.timeout), null));
      case PRE_RELEASE -> hook(hooks.preRelease, record.name);
      case POST_RELEASE -> hook(hooks.postRelease, record.name);
      case ROLLBACK -> Optional.ofNullable(hooks.rollback).map(r -> new Target(r.url,
          headers(r.headers), interval(r.interval), null, null));
    };
  }

  private static Optional<Target> hook(List<Hook> hooks, String name) {
    return hooks == null ? Optional.empty() : hooks.stream()
        .filter(h -> Objects.equals(name, h.name)).findFirst()
        .map(h -> new Target(h.url, headers(h.headers), h.job == null ? Duration.ZERO
            : JOB_INTERVAL, null, h.job));
  }

  private static Duration interval(String interval) {
    return interval == null ? DEFAULT_INTERVAL : Durations.parse(interval);
  }

  private static List<GateHeader> headers(List<GateHeader> headers) {
    return headers == null ? List.of() : headers;
  }

  private static List<CanaryStep> steps(RolloutSpec spec) {
    List<CanaryStep> steps = spec.strategy == null || spec.strategy.canary == null ? null
        : spec.strategy.canary.steps;
    return steps == null ? List.of() : steps;
  }

  private static <T> T strategy(RolloutSpec spec,
      Function<CanaryStrategy, T> canary,
      Function<BlueGreenStrategy, T> blueGreen) {
    if (spec == null || spec.strategy == null) {
      return null;
    }
    if (spec.strategy.canary != null) {
      return canary.apply(spec.strategy.canary);
    }
    return spec.strategy.blueGreen == null ? null : blueGreen.apply(spec.strategy.blueGreen);
  }
}
