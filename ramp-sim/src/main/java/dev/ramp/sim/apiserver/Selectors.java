package dev.ramp.sim.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Label and field selectors of lists and watches.
 *
 * <p>Label selectors are left to the mock, which answers {@code key=value}, {@code key==value},
 * {@code key!=value}, {@code key} and {@code !key} but silently ignores set-based requirements
 * ({@code in}, {@code notin}): those are refused instead.
 *
 * <p>Field selectors are applied here, to lists and watches alike: the mock matches only
 * {@code metadata.name} and {@code metadata.namespace}, and on watches reads the wrong name out
 * of anything but {@code metadata.name=x}. Any field of the object can be selected on, such as
 * an event's {@code involvedObject.name} (a real API server allows only some per kind).
 */
final class Selectors {
  private static final String KEY = "[A-Za-z0-9-_./]+";
  private static final Pattern LABEL = Pattern.compile(
      "!?" + KEY + "|" + KEY + "(==|=|!=)[A-Za-z0-9-_.]+");
  private static final Pattern FIELD = Pattern.compile("([A-Za-z0-9-_.]+)(==|=|!=)(.*)");

  private Selectors() {}

  /** The request's label selector, once checked to be one the mock answers; null if none. */
  static String labels(ApiRequest request) {
    String labels = request.param("labelSelector");
    if (labels == null || labels.isEmpty()) {
      return null;
    }
    for (String requirement : labels.split(",")) {
      if (!LABEL.matcher(requirement.trim()).matches()) {
        throw ApiException.badRequest("unsupported label selector \"" + labels
            + "\": the sandbox answers key=value, key==value, key!=value, key and !key,"
            + " not set-based requirements (in, notin)");
      }
    }
    return labels;
  }

  /** Whether an object matches the request's field selector (true when there is none). */
  static Predicate<JsonNode> fields(ApiRequest request) {
    String fields = request.param("fieldSelector");
    Predicate<JsonNode> filter = object -> true;
    if (fields == null || fields.isEmpty()) {
      return filter;
    }
    for (String requirement : fields.split(",")) {
      Matcher m = FIELD.matcher(requirement.trim());
      if (!m.matches()) {
        throw ApiException.badRequest("unsupported field selector \"" + fields
            + "\": the sandbox answers field=value, field==value and field!=value");
      }
      String path = "." + m.group(1);
      String value = m.group(3);
      boolean equal = !m.group(2).equals("!=");
      filter = filter.and(object -> JsonPaths.get(object, path).asText().equals(value) == equal);
    }
    return filter;
  }
}
