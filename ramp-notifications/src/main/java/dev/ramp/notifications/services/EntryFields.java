package dev.ramp.notifications.services;

import dev.ramp.notifications.NotificationConfigException;
import dev.ramp.notifications.ServiceSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the typed fields of a service's ConfigMap entry. Every error names the entry and the
 * field, never the value: a URL or a key may be a credential.
 */
final class EntryFields {
  /** How long one send may take unless the entry's {@code timeout} says otherwise. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

  private EntryFields() {}

  /**
   * Refuses Argo's {@code insecureSkipVerify: true} on an HTTP service: Ramp's HTTP services
   * share one client that checks every certificate, and a TLS failure at each send would say
   * less than this.
   */
  static void requireVerifiedTls(ServiceSettings settings) {
    if (bool(settings, "insecureSkipVerify", false)) {
      throw new NotificationConfigException("service." + settings.entryName()
          + ": \"insecureSkipVerify\" is not supported; Ramp checks the receiver's certificate");
    }
  }

  /** A string field stripped, or null when absent or blank. */
  static String optional(ServiceSettings settings, String key) {
    String value = settings.string(key);
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** An http(s) URL, or {@code fallback} when the field is absent (null: required). */
  static URI url(ServiceSettings settings, String key, String fallback) {
    String value = optional(settings, key);
    if (value == null) {
      value = fallback != null ? fallback : settings.required(key); // required: throws, missing
    }
    return parseUrl(settings, key, value);
  }

  /** An http(s) URL given as a value of a map field, e.g. one of Teams' recipientUrls. */
  static URI parseUrl(ServiceSettings settings, String key, String value) {
    try {
      URI uri = new URI(value);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException notUri) {
      // said below, without the value
    }
    throw new NotificationConfigException(
        "service." + settings.entryName() + ": \"" + key + "\" is not an http or https URL");
  }

  /** A map of names to strings, e.g. PagerDuty's serviceKeys; empty when absent. */
  static Map<String, String> stringMap(ServiceSettings settings, String key) {
    Object value = settings.values().get(key);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new NotificationConfigException("service." + settings.entryName() + ": \"" + key
          + "\" must map names to values");
    }
    Map<String, String> strings = new LinkedHashMap<>();
    map.forEach((name, entry) -> {
      if (entry == null || entry instanceof Map || entry instanceof Iterable) {
        throw new NotificationConfigException("service." + settings.entryName() + ": \"" + key
            + "." + name + "\" must be a single value");
      }
      strings.put(String.valueOf(name), String.valueOf(entry));
    });
    return strings;
  }

  /** true or false (YAML's boolean or the words), or {@code fallback} when absent. */
  static boolean bool(ServiceSettings settings, String key, boolean fallback) {
    String value = settings.string(key);
    if (value == null) {
      return fallback;
    }
    return switch (value.strip().toLowerCase()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new NotificationConfigException(
          "service." + settings.entryName() + ": \"" + key + "\" must be true or false");
    };
  }

  /** A whole number, or {@code fallback} when absent. */
  static int integer(ServiceSettings settings, String key, int fallback) {
    String value = settings.string(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new NotificationConfigException(
          "service." + settings.entryName() + ": \"" + key + "\" must be a whole number");
    }
  }

  /** The entry's {@code timeout} ("500ms", "10s", "1m"), {@link #DEFAULT_TIMEOUT} if absent. */
  static Duration timeout(ServiceSettings settings) {
    String value = settings.string("timeout");
    if (value == null) {
      return DEFAULT_TIMEOUT;
    }
    Matcher m = DURATION.matcher(value.strip());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new NotificationConfigException("service." + settings.entryName()
          + ": \"timeout\" must be a duration such as 500ms, 10s or 1m");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      default -> Duration.ofMinutes(amount);
    };
  }
}
