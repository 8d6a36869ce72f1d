package dev.ramp.notifications;

import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.ramp.engine.analysis.MetricConditions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A trigger's {@code when} and {@code oncePer}: CEL over {@code rollout} (the Rollout as a map)
 * and {@code analysisRuns} (its AnalysisRuns as maps), with the options of analysis conditions.
 */
public final class TriggerConditions {
  private static final CelOptions OPTIONS = CelOptions.current()
      .enableHeterogeneousNumericComparisons(true)
      .build();
  private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
      .setOptions(OPTIONS)
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addVar("rollout", SimpleType.DYN)
      .addVar("analysisRuns", SimpleType.DYN)
      .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
      .setOptions(OPTIONS)
      .build();
  private static final Map<String, Object> PROGRAMS = new ConcurrentHashMap<>();

  private TriggerConditions() {}

  /** Why the expression cannot be used, or null when it compiles. */
  public static String problem(String expression) {
    return program(expression) instanceof String message ? message : null;
  }

  /**
   * The expression's value.
   *
   * @throws IllegalArgumentException when it does not compile or cannot be evaluated
   */
  public static Object evaluate(String expression, Map<String, Object> rollout,
      List<Map<String, Object>> analysisRuns) {
    Object program = program(expression);
    if (program instanceof String message) {
      throw new IllegalArgumentException(message);
    }
    try {
      return ((CelRuntime.Program) program).eval(Map.of(
          "rollout", MetricConditions.celValue(rollout),
          "analysisRuns", MetricConditions.celValue(analysisRuns)));
    } catch (CelEvaluationException e) {
      throw new IllegalArgumentException(expression + " cannot be evaluated: " + e.getMessage());
    }
  }

  private static Object program(String expression) {
    return PROGRAMS.computeIfAbsent(expression, text -> {
      try {
        return RUNTIME.createProgram(COMPILER.compile(text).getAst());
      } catch (CelValidationException e) {
        return "\"" + text + "\" does not compile: " + e.getMessage();
      } catch (CelEvaluationException e) {
        return "\"" + text + "\" cannot be used: " + e.getMessage();
      }
    });
  }
}
