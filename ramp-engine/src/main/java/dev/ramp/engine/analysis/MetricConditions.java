package dev.ramp.engine.analysis;

import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.ramp.api.analysis.AnalysisPhase;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A metric's successCondition and failureCondition: CEL expressions over {@code result}, compiled
 * once and cached. As with Argo Rollouts: a true failure condition fails the measurement, a true
 * success condition passes it; with only a success condition anything else fails, with only a
 * failure condition anything else passes, with both and neither true it is inconclusive.
 */
public final class MetricConditions {
  private static final CelOptions OPTIONS = CelOptions.current()
      .enableHeterogeneousNumericComparisons(true)
      .build();
  private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
      .setOptions(OPTIONS)
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addVar("result", SimpleType.DYN)
      .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
      .setOptions(OPTIONS)
      .build();
  private static final Map<String, Object> PROGRAMS = new ConcurrentHashMap<>();

  private MetricConditions() {}

  /** The verdict on one value; a condition that cannot be evaluated is an error. */
  public record Verdict(AnalysisPhase phase, String message) {}

  public static Verdict judge(String success, String failure, Object result) {
    try {
      if (failure != null && test(failure, result)) {
        return new Verdict(AnalysisPhase.Failed, "failureCondition " + failure + " is true");
      }
      if (success != null && test(success, result)) {
        return new Verdict(AnalysisPhase.Successful, null);
      }
      if (success != null && failure != null) {
        return new Verdict(AnalysisPhase.Inconclusive,
            "neither successCondition nor failureCondition is true");
      }
      return success != null
          ? new Verdict(AnalysisPhase.Failed, "successCondition " + success + " is false")
          : new Verdict(AnalysisPhase.Successful, null);
    } catch (IllegalArgumentException e) {
      return new Verdict(AnalysisPhase.Error, e.getMessage());
    }
  }

  /** Why a condition cannot be used, or null when it compiles. */
  public static String problem(String condition) {
    Object program = program(condition);
    return program instanceof String message ? message : null;
  }

  private static boolean test(String condition, Object result) {
    Object program = program(condition);
    if (program instanceof String message) {
      throw new IllegalArgumentException(message);
    }
    Object value;
    try {
      value = ((CelRuntime.Program) program).eval(Map.of("result", result == null ? List.of()
          : celValue(result)));
    } catch (CelEvaluationException e) {
      throw new IllegalArgumentException("condition " + condition + " cannot be evaluated on "
          + result + ": " + e.getMessage());
    }
    if (!(value instanceof Boolean bool)) {
      throw new IllegalArgumentException("condition " + condition + " gives " + value
          + ", not true or false");
    }
    return bool;
  }

  /**
   * A provider's value as CEL's runtime takes it: whole numbers as Long and other numbers as
   * Double, in lists and maps too. JSON readers give a small whole number as an Integer, which
   * CEL cannot compare with anything. Notification triggers use it for the Rollout too.
   */
  public static Object celValue(Object value) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < Long.SIZE ? (Object) big.longValue() : (Object) big.doubleValue();
    }
    if (value instanceof Float || value instanceof BigDecimal) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(MetricConditions::celValue).toList();
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> values = new LinkedHashMap<>();
      map.forEach((key, each) -> values.put(key, each == null ? null : celValue(each)));
      return values;
    }
    return value;
  }

  /** The compiled program, or the compiler's message when the condition does not compile. */
  private static Object program(String condition) {
    return PROGRAMS.computeIfAbsent(condition, text -> {
      try {
        return RUNTIME.createProgram(COMPILER.compile(text).getAst());
      } catch (CelValidationException e) {
        return "condition " + text + " does not compile: " + e.getMessage();
      } catch (CelEvaluationException e) {
        return "condition " + text + " cannot be used: " + e.getMessage();
      }
    });
  }
}
