package dev.ramp.metrics;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelLateFunctionBindings;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The times of a range query, written as Argo Rollouts users write them ({@code now()},
 * {@code now() - duration("5m")}) and evaluated as CEL: {@code now()} is the measurement's time,
 * and CEL's own {@code duration("1h30m")}, {@code timestamp("2026-01-01T00:00:00Z")} and
 * timestamp arithmetic do the rest. An expression must give a timestamp.
 */
final class TimeExpressions {
  private static final String NOW = "now";
  private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
      .addFunctionDeclarations(CelFunctionDecl.newFunctionDeclaration(NOW,
          CelOverloadDecl.newGlobalOverload(NOW, "the measurement's time",
              SimpleType.TIMESTAMP)))
      .setResultType(SimpleType.TIMESTAMP)
      .build();
  private static final CelRuntime RUNTIME =
      CelRuntimeFactory.standardCelRuntimeBuilder().build();
  /** Each expression's program, or why it does not compile. */
  private static final Map<String, Object> PROGRAMS = new ConcurrentHashMap<>();

  private TimeExpressions() {}

  /**
   * @param field how messages name the expression, e.g. "rangeQuery.start"
   * @param now what {@code now()} gives
   */
  static Instant evaluate(String expression, String field, Instant now)
      throws MeasurementException {
    if (expression == null || expression.isBlank()) {
      throw new MeasurementException(field + " is empty: write a time such as now() or"
          + " now() - duration(\"5m\")");
    }
    Object program = PROGRAMS.computeIfAbsent(expression, TimeExpressions::compile);
    if (program instanceof String problem) {
      throw new MeasurementException(field + " \"" + expression + "\" " + problem);
    }
    try {
      // CEL's timestamps are Instants
      return (Instant) ((CelRuntime.Program) program).eval(Map.of(), CelLateFunctionBindings.from(
          CelFunctionBinding.from(NOW, List.of(), arguments -> now)));
    } catch (CelEvaluationException e) {
      throw new MeasurementException(field + " \"" + expression + "\" cannot be evaluated: "
          + e.getMessage());
    }
  }

  /** The program, or why there is none. */
  private static Object compile(String expression) {
    try {
      return RUNTIME.createProgram(COMPILER.compile(expression).getAst());
    } catch (CelValidationException e) {
      return "is not a CEL expression giving a timestamp (such as now() - duration(\"5m\")): "
          + e.getMessage();
    } catch (CelEvaluationException e) {
      return "cannot be used: " + e.getMessage();
    }
  }
}
