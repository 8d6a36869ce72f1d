package dev.ramp.engine.analysis;

import dev.ramp.api.analysis.Argument;
import dev.ramp.api.analysis.Metric;
import dev.ramp.engine.spec.Durations;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A metric's count, limits and timing as numbers. They are Argo Rollouts' int-or-string fields,
 * which may hold {@code {{args.name}}}: they are read here, with the arguments' values, for the
 * spec checks, the measurement loop and whatever shows them, and nowhere else.
 *
 * @param count measurements to take: the count, or one without an interval; null means no limit
 * @param interval time between measurements; null without one
 * @param initialDelay time before the first measurement; zero without one
 */
public record MetricSettings(Integer count, int failureLimit, int inconclusiveLimit,
    int consecutiveErrorLimit, Duration interval, Duration initialDelay) {
  private static final int DEFAULT_CONSECUTIVE_ERRORS = 4;

  /**
   * The settings of a metric measured with these arguments (a run's). Throws
   * IllegalArgumentException naming each field that is not a whole number or a duration once
   * resolved, with the argument and its value.
   */
  public static MetricSettings of(Metric metric, List<Argument> args) {
    Reader reader = new Reader(metric, args, false);
    MetricSettings settings = reader.settings();
    if (!reader.problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", reader.problems));
    }
    return settings;
  }

  /**
   * What is wrong with a metric's settings before it runs: with a template's arguments, a field
   * using one that has no value yet (the rollout gives it) is checked when it has one.
   */
  public static List<String> problems(Metric metric, List<Argument> args) {
    Reader reader = new Reader(metric, args, true);
    reader.settings();
    return reader.problems;
  }

  /** Reads the fields of one metric, noting each problem. */
  private static final class Reader {
    private final Metric metric;
    private final Map<String, Argument> args = new HashMap<>();
    private final Map<String, String> values = new HashMap<>();
    private final boolean valuesToCome;
    private final List<String> problems = new ArrayList<>();

    Reader(Metric metric, List<Argument> args, boolean valuesToCome) {
      this.metric = metric;
      this.valuesToCome = valuesToCome;
      for (Argument arg : args == null ? List.<Argument>of() : args) {
        this.args.put(arg.name, arg);
        if (arg.value != null) {
          values.put(arg.name, arg.value);
        }
      }
    }

    MetricSettings settings() {
      Duration interval = duration("interval", metric.interval);
      Duration initialDelay = duration("initialDelay", metric.initialDelay);
      Integer count = whole("count", metric.count);
      Integer failureLimit = whole("failureLimit", metric.failureLimit);
      Integer inconclusiveLimit = whole("inconclusiveLimit", metric.inconclusiveLimit);
      Integer errorLimit = whole("consecutiveErrorLimit", metric.consecutiveErrorLimit);
      return new MetricSettings(
          count != null ? count : metric.interval == null ? Integer.valueOf(1) : null,
          failureLimit == null ? 0 : failureLimit,
          inconclusiveLimit == null ? 0 : inconclusiveLimit,
          errorLimit == null ? DEFAULT_CONSECUTIVE_ERRORS : errorLimit,
          interval, initialDelay == null ? Duration.ZERO : initialDelay);
    }

    private Integer whole(String field, IntOrString value) {
      if (value == null) {
        return null;
      }
      String written = value.getStrVal();
      if (written == null) {
        if (value.getIntVal() >= 0) {
          return value.getIntVal();
        }
        problem(field + " is " + value.getIntVal() + ", not a whole number");
        return null;
      }
      String text = resolve(field, written);
      if (text == null) {
        return null;
      }
      try {
        int number = Integer.parseInt(text);
        if (number >= 0) {
          return number;
        }
      } catch (NumberFormatException e) {
        // said below
      }
      problem(field + " is " + shown(written, text) + ", not a whole number");
      return null;
    }

    private Duration duration(String field, IntOrString value) {
      if (value == null) {
        return null;
      }
      String written = value.getStrVal();
      String text = written == null ? null : resolve(field, written);
      if (written != null && text == null) {
        return null;
      }
      try {
        return written == null ? Durations.parse(value) : Durations.parse(text);
      } catch (IllegalArgumentException e) {
        problem(field + (written == null || written.equals(text) ? ""
            : " is " + shown(written, text)) + ": " + e.getMessage());
        return null;
      }
    }

    /**
     * The text with its placeholders replaced; null when an argument it uses has no value here,
     * which is a problem unless the value is still to come.
     */
    private String resolve(String field, String text) {
      for (String name : Arguments.used(text)) {
        Argument arg = args.get(name);
        if (arg == null) {
          problem(field + " is \"" + text + "\" but there is no argument " + name);
          return null;
        }
        if (arg.value != null) {
          continue;
        }
        if (arg.valueFrom != null && arg.valueFrom.secretKeyRef != null) {
          problem(field + " is \"" + text + "\" but argument " + name + " comes from a Secret,"
              + " which is read only to measure: give " + field + " a value");
        } else if (!valuesToCome) {
          problem(field + " is \"" + text + "\" but argument " + name + " has no value");
        }
        return null;
      }
      return Arguments.substitute(text, values);
    }

    /** {@code "{{args.limit}}" = "two"}, or {@code "two"} when it held no placeholder. */
    private static String shown(String written, String resolved) {
      return written.equals(resolved) ? "\"" + written + "\""
          : "\"" + written + "\" = \"" + resolved + "\"";
    }

    private void problem(String text) {
      problems.add("metric " + metric.name + ": " + text);
    }
  }
}
