package dev.ramp.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A {@code template.<name>} of the notifications ConfigMap, compiled: a {@code message} for
 * people and, per service type, a section of its own fields. Mustache fills them in; a value is
 * escaped for JSON in the fields that are JSON (a webhook's body, Slack's blocks and attachments,
 * a Teams card) and left as it is in plain text.
 */
public final class MessageTemplate {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DefaultMustacheFactory TEXT = new DefaultMustacheFactory() {
    @Override
    public void encode(String value, Writer writer) {
      write(writer, value);
    }
  };
  private static final DefaultMustacheFactory JSON_STRING = new DefaultMustacheFactory() {
    @Override
    public void encode(String value, Writer writer) {
      write(writer, new String(JsonStringEncoder.getInstance().quoteAsString(value)));
    }
  };
  /** Fields whose text is JSON, by service type; a webhook's is its {@code body}. */
  private static final Map<String, Set<String>> JSON_FIELDS = Map.of(
      "webhook", Set.of("body"),
      "slack", Set.of("blocks", "attachments"),
      "teams", Set.of("sections", "facts", "potentialAction", "template"));

  /** What a webhook receives when the template does not say. */
  public static final String DEFAULT_BODY = "{\"trigger\": \"{{trigger}}\", "
      + "\"namespace\": \"{{namespace}}\", \"rollout\": \"{{name}}\", "
      + "\"revision\": \"{{revision}}\", \"phase\": \"{{phase}}\", \"step\": {{step}}, "
      + "\"steps\": {{steps}}, \"weight\": {{weight}}, \"images\": {{{imagesJson}}}, "
      + "\"message\": \"{{message}}\", \"verdict\": \"{{verdict}}\", "
      + "\"dashboardUrl\": \"{{dashboardUrl}}\"}";
  private static final Mustache DEFAULT_WEBHOOK_BODY =
      JSON_STRING.compile(new StringReader(DEFAULT_BODY), "default-webhook-body");

  private final String name;
  private final Mustache message;
  private final Map<String, Map<String, Mustache>> sections;

  private MessageTemplate(String name, Mustache message,
      Map<String, Map<String, Mustache>> sections) {
    this.name = name;
    this.message = message;
    this.sections = sections;
  }

  /**
   * Compiles a template from its fields as read from YAML.
   *
   * @throws NotificationConfigException naming the template and what is wrong
   */
  public static MessageTemplate compile(String name, Map<String, Object> fields) {
    Mustache message = null;
    Map<String, Map<String, Mustache>> sections = new HashMap<>();
    for (Map.Entry<String, Object> field : fields.entrySet()) {
      String key = field.getKey();
      if (key.equals("message")) {
        message = compile(name, key, TEXT, text(field.getValue()));
      } else if (ServiceTypes.TEMPLATE_SECTIONS.contains(key)) {
        if (!(field.getValue() instanceof Map<?, ?> section)) {
          throw new NotificationConfigException("template." + name + ": \"" + key
              + "\" must hold the fields of that service");
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten(name, key, section, flat);
        Map<String, Mustache> compiled = new HashMap<>();
        flat.forEach((path, value) -> compiled.put(path, compile(name, key + "." + path,
            isJson(key, path) ? JSON_STRING : TEXT, text(value))));
        sections.put(key, compiled);
      } else {
        throw new NotificationConfigException("template." + name + ": unknown section \"" + key
            + "\" (a template has \"message\" and sections for " + String.join(", ",
                ServiceTypes.TEMPLATE_SECTIONS.stream().sorted().toList()) + ")");
      }
    }
    return new MessageTemplate(name, message, sections);
  }

  public String name() {
    return name;
  }

  /**
   * The message for one service. Its fields see the variables and {@code message}, the rendered
   * message; a webhook without a body of its own in this template gets {@link #DEFAULT_BODY}.
   *
   * @param service how subscriptions name the service (a webhook's section is under it)
   */
  public RenderedMessage render(String serviceType, String service,
      Map<String, Object> variables) {
    String text = message == null ? "" : run(message, variables);
    Map<String, Object> withMessage = new HashMap<>(variables);
    withMessage.put("message", text);
    Map<String, String> fields = new HashMap<>();
    sections.getOrDefault(serviceType, Map.of())
        .forEach((path, field) -> fields.put(path, run(field, withMessage)));
    if (serviceType.equals("webhook")) {
      fields.computeIfAbsent(service + ".body", body -> run(DEFAULT_WEBHOOK_BODY, withMessage));
    }
    return new RenderedMessage(text, fields);
  }

  private static boolean isJson(String type, String path) {
    String field = type.equals("webhook") ? path.substring(path.lastIndexOf('.') + 1) : path;
    return JSON_FIELDS.getOrDefault(type, Set.of()).contains(field);
  }

  /** A webhook's section holds one section per webhook; the others hold fields. */
  private static void flatten(String template, String type, Map<?, ?> section,
      Map<String, Object> into) {
    section.forEach((key, value) -> {
      if (!type.equals("webhook")) {
        into.put(String.valueOf(key), value);
      } else if (value instanceof Map<?, ?> webhook) {
        webhook.forEach((field, text) -> into.put(key + "." + field, text));
      } else {
        throw new NotificationConfigException("template." + template + ": \"webhook." + key
            + "\" must hold method, path and body");
      }
    });
  }

  private static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof String s) {
      return s;
    }
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Mustache compile(String template, String field, DefaultMustacheFactory factory,
      String text) {
    try {
      return factory.compile(new StringReader(text), template + "." + field);
    } catch (MustacheException e) {
      throw new NotificationConfigException("template." + template + ": \"" + field
          + "\" is not a valid template: " + e.getMessage(), e);
    }
  }

  private static String run(Mustache mustache, Map<String, Object> variables) {
    StringWriter out = new StringWriter();
    mustache.execute(out, variables);
    return out.toString();
  }

  private static void write(Writer writer, String value) {
    try {
      writer.write(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
