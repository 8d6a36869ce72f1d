package dev.ramp.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a spec or status that may not fit its schema without failing the whole object (and with
 * it the watch of every Rollout): what cannot be read becomes an empty value that carries a
 * sentence saying which field was wrong and why. A value of the wrong type is an error here, not
 * silently dropped: a spec whose replicas cannot be read must not run with the default.
 */
abstract class LenientReader<T> extends JsonDeserializer<T> {
  private static final ObjectMapper STRICT_TYPES = JsonMapper.builder()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .build();

  private final Class<T> type;
  private final String root;
  private final Function<String, T> unreadable;

  LenientReader(Class<T> type, String root, Function<String, T> unreadable) {
    this.type = type;
    this.root = root;
    this.unreadable = unreadable;
  }

  @Override
  public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    JsonNode tree = parser.readValueAsTree();
    try {
      return STRICT_TYPES.treeToValue(tree, type);
    } catch (JsonMappingException e) {
      return unreadable.apply(describe(tree, e));
    }
  }

  private String describe(JsonNode tree, JsonMappingException e) {
    StringBuilder path = new StringBuilder(root);
    JsonNode value = tree;
    List<JsonMappingException.Reference> references = e.getPath();
    for (JsonMappingException.Reference ref : references) {
      if (ref.getFieldName() != null) {
        path.append('.').append(ref.getFieldName());
        value = value == null ? null : value.get(ref.getFieldName());
      } else {
        path.append('[').append(ref.getIndex()).append(']');
        value = value == null ? null : value.get(ref.getIndex());
      }
    }
    String expected = e instanceof MismatchedInputException mismatch
        && mismatch.getTargetType() != null ? expected(mismatch.getTargetType()) : "valid";
    if (value != null && value.isIntegralNumber() && !value.canConvertToInt()) {
      return path + ": " + value + " is out of range for an integer (" + Integer.MIN_VALUE
          + " to " + Integer.MAX_VALUE + ")";
    }
    return path + ": " + (value == null ? "cannot be read" : value + " is not " + expected);
  }

  private static String expected(Class<?> target) {
    if (target == Integer.class || target == int.class || target == Long.class) {
      return "an integer";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "true or false";
    }
    if (target == String.class) {
      return "a string";
    }
    return List.class.isAssignableFrom(target) ? "a list" : "an object";
  }

  /** For {@code spec}. */
  static final class Spec extends LenientReader<RolloutSpec> {
    Spec() {
      super(RolloutSpec.class, "spec", message -> {
        RolloutSpec spec = new RolloutSpec();
        spec.unreadable = message;
        return spec;
      });
    }
  }

  /** For {@code status}. */
  static final class Status extends LenientReader<RolloutStatus> {
    Status() {
      super(RolloutStatus.class, "status", message -> {
        RolloutStatus status = new RolloutStatus();
        status.unreadable = message;
        return status;
      });
    }
  }
}
