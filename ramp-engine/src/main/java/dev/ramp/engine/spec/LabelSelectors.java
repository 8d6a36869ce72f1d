package dev.ramp.engine.spec;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Matching and printing of Kubernetes label selectors. */
public final class LabelSelectors {
  private LabelSelectors() {}

  public static boolean isEmpty(LabelSelector selector) {
    return selector == null
        || (nullToEmpty(selector.getMatchLabels()).isEmpty()
            && nullToEmpty(selector.getMatchExpressions()).isEmpty());
  }

  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    Map<String, String> actual = labels == null ? Map.of() : labels;
    for (Map.Entry<String, String> wanted : nullToEmpty(selector.getMatchLabels()).entrySet()) {
      if (!Objects.equals(wanted.getValue(), actual.get(wanted.getKey()))) {
        return false;
      }
    }
    for (LabelSelectorRequirement requirement : nullToEmpty(selector.getMatchExpressions())) {
      String value = actual.get(requirement.getKey());
      List<String> values = nullToEmpty(requirement.getValues());
      boolean ok =
          switch (requirement.getOperator()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The selector in kubectl's string form, e.g. {@code app=checkout,tier in (web)}. */
  public static String format(LabelSelector selector) {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(nullToEmpty(selector.getMatchLabels()))
        .forEach((key, value) -> parts.add(key + "=" + value));
    for (LabelSelectorRequirement requirement : nullToEmpty(selector.getMatchExpressions())) {
      String key = requirement.getKey();
      String values = String.join(",", nullToEmpty(requirement.getValues()));
      parts.add(
          switch (requirement.getOperator()) {
            case "In" -> key + " in (" + values + ")";
            case "NotIn" -> key + " notin (" + values + ")";
            case "Exists" -> key;
            default -> "!" + key;
          });
    }
    return String.join(",", parts);
  }

  private static <K, V> Map<K, V> nullToEmpty(Map<K, V> map) {
    return map == null ? Map.of() : map;
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
