package dev.ramp.notifications;

import java.util.Map;

/**
 * A service's entry in the notifications ConfigMap ({@code service.<type>[.<name>]: |} followed
 * by YAML), with every {@code $key} already replaced by the value of that key in the
 * notifications Secret. Values stay as YAML read them: strings, numbers, booleans, lists, maps.
 *
 * @param type e.g. {@code slack}, {@code webhook}
 * @param name the part after the type ({@code service.webhook.github} gives {@code github}), or
 *     the type itself when there is none: how subscriptions and templates name the service
 * @param values the entry's fields, secrets resolved
 */
public record ServiceSettings(String type, String name, Map<String, Object> values) {
  public ServiceSettings {
    values = Map.copyOf(values);
  }

  /** A string field, or null when absent. */
  public String string(String key) {
    Object value = values.get(key);
    return value == null ? null : String.valueOf(value);
  }

  /**
   * A string field the service cannot work without.
   *
   * @throws NotificationConfigException naming the entry and the field, never the value
   */
  public String required(String key) {
    String value = string(key);
    if (value == null || value.isBlank()) {
      throw new NotificationConfigException("service." + entryName() + " needs \"" + key + "\"");
    }
    return value;
  }

  /** How the ConfigMap names the entry, after {@code service.}. */
  public String entryName() {
    return type.equals(name) ? type : type + "." + name;
  }
}
