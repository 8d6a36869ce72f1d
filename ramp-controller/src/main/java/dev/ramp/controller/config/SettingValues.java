package dev.ramp.controller.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The raw values of the settings, flag before environment, parsed with errors that name them. */
final class SettingValues {
  private final Map<String, String> flags;
  private final Map<String, String> env;

  SettingValues(Map<String, String> flags, Map<String, String> env) {
    this.flags = flags;
    this.env = env;
  }

  /** The value given, if any; an empty variable counts as unset, as in Kubernetes manifests. */
  Optional<String> get(Setting setting) {
    String flag = flags.get(setting.flag());
    if (flag != null) {
      return Optional.of(flag.trim());
    }
    return Optional.ofNullable(env.get(setting.env())).map(String::trim).filter(v -> !v.isEmpty());
  }

  double number(Setting setting, double fallback) {
    return get(setting).map(v -> {
      try {
        double number = Double.parseDouble(v);
        if (number > 0 && Double.isFinite(number)) {
          return number;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw fail(setting, v, "is not a positive number");
    }).orElse(fallback);
  }

  int integer(Setting setting, int fallback, int min, int max) {
    return get(setting).map(v -> {
      try {
        int number = Integer.parseInt(v);
        if (number >= min && number <= max) {
          return number;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw fail(setting, v, "is not a whole number from " + min + " to " + max);
    }).orElse(fallback);
  }

  <E extends Enum<E>> E choice(Setting setting, Class<E> choices, E fallback) {
    return get(setting).map(v -> {
      try {
        return Enum.valueOf(choices, v.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw fail(setting, v, "is not one of " + setting.valueLabel());
      }
    }).orElse(fallback);
  }

  boolean bool(Setting setting) {
    return get(setting).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw fail(setting, v, "is not true or false");
    }).orElse(false);
  }

  /** An error naming where the value came from: the flag when given, else the variable. */
  InvalidConfigException fail(Setting setting, String value, String problem) {
    String source = flags.containsKey(setting.flag()) ? setting.flag() : setting.env();
    return new InvalidConfigException(source + ": \"" + value + "\" " + problem);
  }

  /** An error for a setting that is needed and not given. */
  static InvalidConfigException missing(Setting setting, String need) {
    return new InvalidConfigException(need + ": set " + setting.flag() + " or " + setting.env());
  }
}
