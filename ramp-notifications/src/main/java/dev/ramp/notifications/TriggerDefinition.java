package dev.ramp.notifications;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code trigger.<name>} of the notifications ConfigMap: a list of conditions, each with the
 * templates it sends, a CEL {@code when} and an {@code oncePer}. For a built-in trigger the
 * conditions choose the templates and may narrow when it fires; a custom trigger fires when its
 * {@code when} becomes true.
 *
 * @param problem why the trigger cannot be used, or null
 */
public record TriggerDefinition(String name, List<Condition> conditions, String problem) {
  /**
   * One condition.
   *
   * @param when a CEL expression over {@code rollout} and {@code analysisRuns}, or null
   * @param oncePer a CEL expression whose value says which firing this is, or null (once per
   *     revision)
   */
  public record Condition(String when, List<String> send, String oncePer) {}

  static TriggerDefinition read(String name, List<Object> items) {
    List<Condition> conditions = new ArrayList<>();
    for (Object item : items) {
      if (!(item instanceof Map<?, ?> map)) {
        return new TriggerDefinition(name, List.of(),
            "trigger." + name + ": each condition must be a map of when, send and oncePer");
      }
      Object send = map.get("send");
      try {
        conditions.add(new Condition(text(map.get("when")),
            send instanceof List<?> list ? NotificationConfig.strings("trigger." + name
                + ": send", list) : List.of(), text(map.get("oncePer"))));
      } catch (NotificationConfigException e) {
        return new TriggerDefinition(name, List.of(), e.getMessage());
      }
    }
    for (Condition condition : conditions) {
      for (String expression : new String[] {condition.when(), condition.oncePer()}) {
        String problem = expression == null ? null : TriggerConditions.problem(expression);
        if (problem != null) {
          return new TriggerDefinition(name, conditions, "trigger." + name + ": " + problem);
        }
      }
    }
    return new TriggerDefinition(name, conditions, null);
  }

  /** The templates of all conditions. */
  public List<String> send() {
    return conditions.stream().flatMap(c -> c.send().stream()).distinct().toList();
  }

  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }
}
