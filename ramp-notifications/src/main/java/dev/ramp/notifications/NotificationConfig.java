package dev.ramp.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutStatus;
import dev.ramp.api.notifications.Delivery;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The notifications ConfigMap and Secret, read: services (with their {@code $key}s taken from the
 * Secret), templates, triggers, default triggers and default subscriptions, as Argo Rollouts
 * shapes them. An entry Ramp cannot use is kept as a problem of its own, so that only the
 * notifications that need it are refused.
 */
public final class NotificationConfig {
  public static final String NAME = "ramp-notifications";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern SECRET_KEY = Pattern.compile("\\$([A-Za-z0-9_.-]+)");

  /** A service, or why it cannot be used. */
  public record ServiceEntry(String name, String type, NotificationService service,
      String problem) {}

  /** One notification to send: a template through a service to a recipient, or why not. */
  public record Send(String template, ServiceEntry service, String problem) {}

  /** A default subscription: recipients as {@code <service>:<recipient>}, and its triggers. */
  public record DefaultSubscription(List<String> recipients, List<String> triggers) {}

  private final Map<String, ServiceEntry> services;
  private final Map<String, MessageTemplate> templates;
  private final Map<String, String> templateProblems;
  private final Map<String, TriggerDefinition> triggers;
  private final List<String> defaultTriggers;
  private final List<DefaultSubscription> subscriptions;
  private final List<String> problems;

  private NotificationConfig(Map<String, ServiceEntry> services,
      Map<String, MessageTemplate> templates, Map<String, String> templateProblems,
      Map<String, TriggerDefinition> triggers, List<String> defaultTriggers,
      List<DefaultSubscription> subscriptions, List<String> problems) {
    this.services = services;
    this.templates = templates;
    this.templateProblems = templateProblems;
    this.triggers = triggers;
    this.defaultTriggers = defaultTriggers;
    this.subscriptions = subscriptions;
    this.problems = problems;
  }

  /** No ConfigMap: the built-in triggers and templates, no service. */
  public static NotificationConfig empty() {
    return read(Map.of(), null, "", new HttpSend(HttpClient.newHttpClient()));
  }

  /**
   * Reads the ConfigMap's data with the Secret's (decoded; null when there is no Secret).
   *
   * @param where how messages name the place of both, e.g. {@code namespace ramp-system}
   */
  public static NotificationConfig read(Map<String, String> data, Map<String, String> secret,
      String where, HttpSend http) {
    Map<String, ServiceEntry> services = new TreeMap<>();
    Map<String, MessageTemplate> templates = new HashMap<>(BuiltInTriggers.templates());
    Map<String, String> templateProblems = new HashMap<>();
    Map<String, TriggerDefinition> triggers = new HashMap<>();
    List<String> problems = new ArrayList<>();
    List<String> defaultTriggers = List.of();
    List<DefaultSubscription> subscriptions = List.of();
    for (Map.Entry<String, String> entry : new TreeMap<>(data).entrySet()) {
      String key = entry.getKey();
      String value = entry.getValue();
      try {
        if (key.startsWith("service.")) {
          ServiceEntry service = service(key.substring("service.".length()), value, secret,
              where, http);
          services.put(service.name(), service);
        } else if (key.startsWith("template.")) {
          String name = key.substring("template.".length());
          templates.remove(name);
          try {
            templates.put(name, MessageTemplate.compile(name, map(key, value)));
          } catch (NotificationConfigException e) {
            templateProblems.put(name, e.getMessage());
          }
        } else if (key.startsWith("trigger.")) {
          String name = key.substring("trigger.".length());
          triggers.put(name, TriggerDefinition.read(name, list(key, value)));
        } else if (key.equals("defaultTriggers")) {
          defaultTriggers = strings(key, list(key, value));
        } else if (key.equals("subscriptions")) {
          subscriptions = subscriptions(list(key, value));
        }
      } catch (NotificationConfigException e) {
        problems.add(e.getMessage());
      }
    }
    return new NotificationConfig(services, templates, templateProblems, triggers,
        defaultTriggers, subscriptions, problems);
  }

  /**
   * Reads the ConfigMap with the Secret (either may be null when there is none).
   *
   * @param where how messages name the place of both, e.g. {@code namespace ramp-system}
   */
  public static NotificationConfig read(ConfigMap configMap, Secret secret, String where,
      HttpSend http) {
    Map<String, String> data = configMap == null || configMap.getData() == null ? Map.of()
        : configMap.getData();
    return read(data, secret == null ? null : secretValues(secret), where, http);
  }

  /** The Secret's values, decoded. */
  private static Map<String, String> secretValues(Secret secret) {
    Map<String, String> values = new HashMap<>();
    Objects.requireNonNullElse(secret.getData(), Map.<String, String>of()).forEach((k, v) ->
        values.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    Objects.requireNonNullElse(secret.getStringData(), Map.<String, String>of())
        .forEach(values::put);
    return values;
  }

  /**
   * The message of a delivery as its service sends it, with the state of the rollout now; empty
   * when its service or template cannot be used (a problem reported by {@link #sends}).
   *
   * @param thread what earlier deliveries of the release to the recipient left to remember
   */
  public Optional<Outgoing> outgoing(Rollout rollout, Delivery delivery, String dashboardUrl,
      Map<String, String> thread) {
    ServiceEntry service = services.get(delivery.service);
    MessageTemplate template = templates.get(delivery.template);
    if (service == null || service.service() == null || template == null) {
      return Optional.empty();
    }
    RolloutStatus status = rollout.getStatus() == null ? new RolloutStatus() : rollout.getStatus();
    Release release = new Release(rollout.getMetadata().getNamespace(),
        rollout.getMetadata().getName(), rollout.getMetadata().getUid(),
        Objects.requireNonNullElse(delivery.revision, ""), "Healthy".equals(status.phase),
        BuiltInTriggers.isProblem(delivery.trigger));
    RenderedMessage message = template.render(service.type(), service.name(),
        TemplateVariables.of(rollout, delivery, dashboardUrl));
    return Optional.of(new Outgoing(delivery.id, delivery.trigger,
        Objects.requireNonNullElse(delivery.recipient, ""), message, release, thread));
  }

  /**
   * Every problem of the configuration, also of entries no subscription uses yet: for {@code
   * kubectl ramp lint}.
   */
  public List<String> allProblems() {
    Set<String> all = new LinkedHashSet<>(problems);
    services.values().stream().map(ServiceEntry::problem).filter(Objects::nonNull)
        .forEach(all::add);
    all.addAll(new TreeMap<>(templateProblems).values());
    triggers.values().stream().map(TriggerDefinition::problem).filter(Objects::nonNull)
        .forEach(all::add);
    for (TriggerDefinition trigger : triggers.values()) {
      trigger.send().stream().filter(name -> !templates.containsKey(name)
              && !templateProblems.containsKey(name))
          .forEach(name -> all.add("trigger." + trigger.name() + " sends template \"" + name
              + "\", which is not in ConfigMap " + NAME));
    }
    defaultTriggers.stream()
        .filter(t -> !BuiltInTriggers.isBuiltIn(t) && !triggers.containsKey(t))
        .forEach(t -> all.add("defaultTriggers: trigger \"" + t + "\" is neither built in nor"
            + " in ConfigMap " + NAME));
    for (DefaultSubscription subscription : subscriptions) {
      for (String recipient : subscription.recipients()) {
        String service = recipient.split(":", 2)[0].strip();
        if (!services.containsKey(service)) {
          all.add("subscriptions: service \"" + service + "\" is not in ConfigMap " + NAME);
        }
      }
    }
    return List.copyOf(all);
  }

  /** The keys of the Secret that the ConfigMap's services name as {@code $key}. */
  public static Set<String> secretKeys(Map<String, String> data) {
    Set<String> keys = new TreeSet<>();
    data.forEach((key, value) -> {
      if (key.startsWith("service.")) {
        Matcher m = SECRET_KEY.matcher(value);
        while (m.find()) {
          keys.add(m.group(1));
        }
      }
    });
    return keys;
  }

  /** Problems of entries that belong to no one service, template or trigger. */
  public List<String> problems() {
    return problems;
  }

  public List<String> defaultTriggers() {
    return defaultTriggers;
  }

  public List<DefaultSubscription> subscriptions() {
    return subscriptions;
  }

  public Map<String, ServiceEntry> services() {
    return services;
  }

  /** A trigger defined in the ConfigMap, or null. */
  public TriggerDefinition trigger(String name) {
    return triggers.get(name);
  }

  /** The triggers the ConfigMap defines that are not built in. */
  public List<TriggerDefinition> customTriggers() {
    return triggers.values().stream().filter(t -> !BuiltInTriggers.isBuiltIn(t.name())).toList();
  }

  public MessageTemplate template(String name) {
    return templates.get(name);
  }

  /**
   * What a subscription of {@code service} to {@code trigger} sends: one entry per template, or
   * one entry with the problem that stops it.
   */
  public List<Send> sends(String trigger, String service) {
    ServiceEntry entry = services.get(service);
    if (entry == null) {
      return List.of(new Send(null, null, "service \"" + service + "\" is not in ConfigMap "
          + NAME + (services.isEmpty() ? "" : " (services: " + String.join(", ",
              services.keySet()) + ")")));
    }
    if (entry.problem() != null) {
      return List.of(new Send(null, entry, entry.problem()));
    }
    TriggerDefinition definition = triggers.get(trigger);
    if (definition == null && !BuiltInTriggers.isBuiltIn(trigger)) {
      return List.of(new Send(null, entry, "trigger \"" + trigger + "\" is neither built in nor"
          + " in ConfigMap " + NAME));
    }
    if (definition != null && definition.problem() != null) {
      return List.of(new Send(null, entry, definition.problem()));
    }
    List<String> names = definition != null && !definition.send().isEmpty() ? definition.send()
        : BuiltInTriggers.isBuiltIn(trigger) ? BuiltInTriggers.defaultSend(trigger) : List.of();
    List<Send> sends = new ArrayList<>();
    for (String name : names) {
      String problem = templateProblems.get(name);
      if (problem == null && !templates.containsKey(name)) {
        problem = "template \"" + name + "\" (sent by " + trigger + ") is not in ConfigMap "
            + NAME;
      }
      sends.add(new Send(name, entry, problem));
    }
    return sends;
  }

  private static ServiceEntry service(String entryName, String yaml, Map<String, String> secret,
      String where, HttpSend http) {
    int dot = entryName.indexOf('.');
    String type = dot < 0 ? entryName : entryName.substring(0, dot);
    String name = dot < 0 ? entryName : entryName.substring(dot + 1);
    try {
      Map<String, Object> values = resolve(map("service." + entryName, yaml), secret,
          "service." + entryName, where);
      NotificationService service =
          ServiceTypes.build(new ServiceSettings(type, name, values), http);
      return new ServiceEntry(name, type, service, null);
    } catch (NotificationConfigException e) {
      return new ServiceEntry(name, type, null, e.getMessage());
    }
  }

  /** Replaces each {@code $key} in the values' strings with the Secret's value for the key. */
  @SuppressWarnings("unchecked")
  private static <T> T resolve(T value, Map<String, String> secret, String entry, String where) {
    if (value instanceof String text) {
      Matcher m = SECRET_KEY.matcher(text);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String key = m.group(1);
        if (secret == null) {
          throw new NotificationConfigException(entry + " needs key \"" + key + "\" of Secret "
              + NAME + ", and there is no Secret " + NAME + " in " + where);
        }
        if (!secret.containsKey(key)) {
          throw new NotificationConfigException(entry + " needs key \"" + key + "\" of Secret "
              + NAME + " in " + where + ", which has no such key");
        }
        m.appendReplacement(out, Matcher.quoteReplacement(secret.get(key)));
      }
      m.appendTail(out);
      return (T) out.toString();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> resolved = new LinkedHashMap<>();
      map.forEach((k, v) -> resolved.put(String.valueOf(k), resolve(v, secret, entry, where)));
      return (T) resolved;
    }
    if (value instanceof List<?> list) {
      return (T) list.stream().map(v -> resolve(v, secret, entry, where)).toList();
    }
    return value;
  }

  private static List<DefaultSubscription> subscriptions(List<Object> items) {
    List<DefaultSubscription> subscriptions = new ArrayList<>();
    for (Object item : items) {
      if (!(item instanceof Map<?, ?> map) || !(map.get("recipients") instanceof List<?>)) {
        throw new NotificationConfigException("subscriptions: each must have \"recipients\", a"
            + " list of \"<service>:<recipient>\"");
      }
      subscriptions.add(new DefaultSubscription(
          strings("subscriptions", (List<?>) map.get("recipients")),
          map.get("triggers") instanceof List<?> t ? strings("subscriptions", t) : List.of()));
    }
    return subscriptions;
  }

  static Map<String, Object> map(String key, String yaml) {
    try {
      Map<String, Object> map = YAML.readValue(yaml, new TypeReference<>() {});
      return map == null ? Map.of() : map;
    } catch (JsonProcessingException e) {
      throw new NotificationConfigException(key + " is not a YAML map: "
          + e.getOriginalMessage());
    }
  }

  static List<Object> list(String key, String yaml) {
    try {
      List<Object> list = YAML.readValue(yaml, new TypeReference<>() {});
      return list == null ? List.of() : list;
    } catch (JsonProcessingException e) {
      throw new NotificationConfigException(key + " is not a YAML list: "
          + e.getOriginalMessage());
    }
  }

  static List<String> strings(String key, List<?> items) {
    if (items.stream().anyMatch(i -> !(i instanceof String))) {
      throw new NotificationConfigException(key + " must be a list of strings");
    }
    return items.stream().map(String.class::cast).toList();
  }
}
