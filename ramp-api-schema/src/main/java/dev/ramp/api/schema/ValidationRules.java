package dev.ramp.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code x-kubernetes-validations} rules of a schema: CEL expressions over {@code self},
 * compiled once each. Rules that compare with {@code oldSelf} (transition rules) only apply to
 * updates and are skipped here.
 */
final class ValidationRules {
  private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addVar("self", SimpleType.DYN)
      .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();

  void check(JsonNode rule, JsonNode value, String path, List<String> problems) {
    String expression = rule.path("rule").asText();
    if (expression.contains("oldSelf")) {
      return;
    }
    String message = rule.path("message").asText("failed rule: " + expression);
    try {
      Object result = program(expression).eval(Map.of("self", toCel(value)));
      if (!Boolean.TRUE.equals(result)) {
        problems.add(path + ": Invalid value: " + CrdSchema.shown(value) + ": " + message);
      }
    } catch (CelEvaluationException e) {
      problems.add(path + ": Invalid value: " + CrdSchema.shown(value) + ": " + message
          + " (" + e.getMessage() + ")");
    }
  }

  private CelRuntime.Program program(String expression) {
    return programs.computeIfAbsent(expression, rule -> {
      try {
        CelAbstractSyntaxTree ast = COMPILER.compile(rule).getAst();
        return RUNTIME.createProgram(ast);
      } catch (CelValidationException | CelEvaluationException e) {
        throw new IllegalArgumentException("the CRD has a rule that does not compile: " + rule, e);
      }
    });
  }

  /** JSON as CEL sees it: maps, lists, 64-bit integers, doubles, strings and booleans. */
  static Object toCel(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!field.getValue().isNull()) {
          map.put(field.getKey(), toCel(field.getValue()));
        }
      }
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(toCel(item)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    return node.isBoolean() ? (Object) node.asBoolean() : node.asText();
  }
}
