package dev.ramp.notifications.services;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ramp.notifications.Outgoing;
import java.util.Optional;

/**
 * A field of a template's service section that holds JSON (Slack's blocks, a Teams card), read
 * after rendering. A field that is not the JSON the service needs refuses the message: sending
 * it again would not help.
 */
final class TemplateJson {
  private TemplateJson() {}

  /** The template's field is not the JSON the service needs; the message says which and why. */
  static final class Invalid extends Exception {
    Invalid(String message) {
      super(message);
    }
  }

  /** The field parsed, empty when the template has none. */
  static Optional<JsonNode> field(Outgoing outgoing, String section, String name)
      throws Invalid {
    String text = outgoing.message().field(name);
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(JsonPost.JSON.readTree(text));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new Invalid("the template's " + section + "." + name + " is not valid JSON"
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }
  }

  /** The field parsed, which must be a JSON array. */
  static Optional<JsonNode> array(Outgoing outgoing, String section, String name)
      throws Invalid {
    Optional<JsonNode> node = field(outgoing, section, name);
    if (node.isPresent() && !node.get().isArray()) {
      throw new Invalid("the template's " + section + "." + name + " must be a JSON array");
    }
    return node;
  }

  /** The field parsed, which must be a JSON object. */
  static Optional<JsonNode> object(Outgoing outgoing, String section, String name)
      throws Invalid {
    Optional<JsonNode> node = field(outgoing, section, name);
    if (node.isPresent() && !node.get().isObject()) {
      throw new Invalid("the template's " + section + "." + name + " must be a JSON object");
    }
    return node;
  }
}
