package dev.ramp.notifications;

import java.util.Map;

/**
 * A template rendered for one service. A template in the notifications ConfigMap has a
 * {@code message} every service can use and, per service type, a section of its own fields (as
 * in Argo Rollouts' notifications: {@code slack: {blocks, attachments}}, {@code email:
 * {subject}}, {@code webhook: {<name>: {method, path, body}}}, {@code teams: {…}}, {@code
 * pagerdutyv2: {summary, severity, …}}, {@code grafana: {…}}).
 *
 * @param text the rendered {@code message}; empty when the template has none
 * @param fields the rendered fields of this service's section, by name (nested sections such as a
 *     webhook's are flattened with dots: {@code "github.body"}); empty when it has none
 */
public record RenderedMessage(String text, Map<String, String> fields) {
  public RenderedMessage {
    fields = Map.copyOf(fields);
  }

  /** A field of this service's section, or null. */
  public String field(String name) {
    return fields.get(name);
  }
}
