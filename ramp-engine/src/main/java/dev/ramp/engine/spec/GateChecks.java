package dev.ramp.engine.spec;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.gates.Gate;
import dev.ramp.api.gates.GateHeader;
import dev.ramp.api.gates.Hook;
import dev.ramp.api.gates.Hooks;
import dev.ramp.engine.gates.GatePoint;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks of a strategy's gates, hooks and gate steps: each gate has a name and a URL, is asked at
 * points Ramp knows (weightIncrease only for a canary), and each gate step names a gate.
 */
final class GateChecks {
  private static final List<String> CANARY_POINTS = List.of(GatePoint.RELEASE.field(),
      GatePoint.WEIGHT_INCREASE.field(), GatePoint.PROMOTION.field());

  private GateChecks() {}

  static void check(String at, List<Gate> gates, Hooks hooks, List<CanaryStep> steps,
      boolean canary, List<String> problems) {
    List<Gate> declared = gates == null ? List.of() : gates;
    Set<String> names = new HashSet<>();
    for (int i = 0; i < declared.size(); i++) {
      Gate gate = declared.get(i);
      String field = at + ".gates[" + i + "]";
      if (!named(gate.name, field, problems)) {
        continue;
      }
      if (!names.add(gate.name)) {
        problems.add(field + ": another gate is named \"" + gate.name + "\" already");
      }
      if (gate.url == null || gate.url.isBlank()) {
        problems.add(field + " (" + gate.name + ") needs a url: where Ramp asks for a yes");
      }
      points(gate, field, canary, problems);
      timing(gate, field, problems);
      headers(gate.headers, field, problems);
    }
    for (int i = 0; i < steps.size(); i++) {
      Gate gate = steps.get(i) == null ? null : steps.get(i).gate;
      if (gate != null) {
        step(gate, at + ".steps[" + i + "].gate", names, problems);
      }
    }
    if (hooks != null) {
      hooks(hooks, at + ".hooks", problems);
    }
  }

  private static void step(Gate gate, String field, Set<String> declared, List<String> problems) {
    if (!named(gate.name, field, problems)) {
      return;
    }
    if (gate.at != null) {
      problems.add(field + ".at: a gate step is asked where it stands among the steps; remove"
          + " at, or move the gate to gates");
    }
    if (gate.url == null && !declared.contains(gate.name)) {
      problems.add(field + " names gate \"" + gate.name + "\", which is not in gates"
          + (declared.isEmpty() ? "" : " (there: " + String.join(", ", declared) + ")")
          + ": add it there, or give the step a url");
    }
    if (gate.url != null && !declared.add(gate.name)) {
      problems.add(field + ": another gate is named \"" + gate.name + "\" already");
    }
    timing(gate, field, problems);
    headers(gate.headers, field, problems);
  }

  private static void points(Gate gate, String field, boolean canary, List<String> problems) {
    for (String point : gate.at == null ? List.<String>of() : gate.at) {
      if (!CANARY_POINTS.contains(point)) {
        problems.add(field + ".at: \"" + point + "\" is not a point Ramp knows; use "
            + String.join(", ", CANARY_POINTS));
      } else if (!canary && point.equals(GatePoint.WEIGHT_INCREASE.field())) {
        problems.add(field + ".at: weightIncrease does not apply to a blue-green rollout (it"
            + " moves no weight); use release or promotion");
      }
    }
  }

  private static void timing(Gate gate, String field, List<String> problems) {
    duration(gate.interval, field + ".interval", problems);
    duration(gate.timeout, field + ".timeout", problems);
  }

  private static void hooks(Hooks hooks, String at, List<String> problems) {
    List<Hook> pre = hooks.preRelease == null ? List.of() : hooks.preRelease;
    for (int i = 0; i < pre.size(); i++) {
      hook(pre.get(i), at + ".preRelease[" + i + "]", true, problems);
    }
    List<Hook> post = hooks.postRelease == null ? List.of() : hooks.postRelease;
    for (int i = 0; i < post.size(); i++) {
      hook(post.get(i), at + ".postRelease[" + i + "]", false, problems);
    }
    if (hooks.rollback != null) {
      if (hooks.rollback.url == null || hooks.rollback.url.isBlank()) {
        problems.add(at + ".rollback needs a url: where Ramp asks whether to roll back");
      }
      duration(hooks.rollback.interval, at + ".rollback.interval", problems);
      headers(hooks.rollback.headers, at + ".rollback", problems);
    }
  }

  private static void hook(Hook hook, String field, boolean jobAllowed, List<String> problems) {
    if (!named(hook.name, field, problems)) {
      return;
    }
    if ((hook.url == null) == (hook.job == null)) {
      problems.add(field + " (" + hook.name + ") must set exactly one of url, job");
    } else if (hook.job != null && !jobAllowed) {
      problems.add(field + " (" + hook.name + "): a post-release hook calls a url; a job runs"
          + " before a release only");
    } else if (hook.job != null && hook.job.spec == null) {
      problems.add(field + ".job.spec is required: the Job to run");
    }
    headers(hook.headers, field, problems);
  }

  private static void headers(List<GateHeader> headers, String field, List<String> problems) {
    List<GateHeader> all = headers == null ? List.of() : headers;
    for (int i = 0; i < all.size(); i++) {
      GateHeader header = all.get(i);
      boolean fromSecret = header.valueFrom != null && header.valueFrom.secretKeyRef != null;
      if (header.name == null || header.name.isBlank()
          || (header.value == null) == !fromSecret) {
        problems.add(field + ".headers[" + i + "] needs a name and exactly one of value,"
            + " valueFrom.secretKeyRef");
      }
    }
  }

  private static boolean named(String name, String field, List<String> problems) {
    if (name == null || name.isBlank()) {
      problems.add(field + " needs a name");
      return false;
    }
    return true;
  }

  private static void duration(String value, String field, List<String> problems) {
    SpecValidator.duration(value == null ? null : new IntOrString(value), field, problems);
  }

}
