package dev.ramp.engine.gates;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.gates.Gate;
import dev.ramp.api.gates.Hook;
import dev.ramp.api.gates.Hooks;
import java.util.List;

/**
 * The steps gates and hooks add to a release: a gate at a point, or a pre-release hook, is a
 * step that holds the traffic where it is until its answer comes.
 */
public final class GateSteps {
  private GateSteps() {}

  /** A step for each gate asked at the point, in the order of {@code gates}. */
  public static List<CanaryStep> at(List<Gate> gates, GatePoint point) {
    return gates == null ? List.of() : gates.stream()
        .filter(g -> g.at != null && g.at.contains(point.field()))
        .map(g -> CanaryStep.gate(new Gate(g.name, null)))
        .toList();
  }

  /** A step for each pre-release hook, in order. */
  public static List<CanaryStep> preRelease(Hooks hooks) {
    List<Hook> pre = hooks == null || hooks.preRelease == null ? List.of() : hooks.preRelease;
    return pre.stream().map(h -> CanaryStep.gate(new Gate(h.name, null))).toList();
  }
}
