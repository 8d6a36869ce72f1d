package dev.ramp.notifications;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The triggers Ramp fires by itself, named as Argo Rollouts names them: {@code on-} and the
 * kebab-case reason of the Event that reports the change, and {@code on-rollout-degraded} for a
 * missed progress deadline or an invalid spec; and the same for the Events of gates and hooks
 * ({@code on-gate-waiting}, …). Each has a default template named after it without
 * {@code on-} ({@code rollout-aborted}), with a message for people.
 */
public final class BuiltInTriggers {
  public static final String RUNNING = "on-analysis-run-running";
  public static final String ERROR = "on-analysis-run-error";

  private static final String RELEASE = "{{name}} {{version}} (rev {{revision}})";
  private static final Map<String, String> MESSAGES = new LinkedHashMap<>();

  static {
    MESSAGES.put("on-rollout-updated", RELEASE + " started rolling out in {{namespace}}");
    MESSAGES.put("on-rollout-step-completed",
        RELEASE + " completed {{step}} of {{steps}} steps, {{weight}}% of traffic");
    MESSAGES.put("on-rollout-paused",
        RELEASE + " paused at step {{step}} of {{steps}}, {{weight}}% of traffic: {{verdict}}");
    MESSAGES.put("on-rollout-resumed", RELEASE + " resumed at {{weight}}% of traffic");
    MESSAGES.put("on-rollout-completed", RELEASE + " is fully rolled out");
    MESSAGES.put("on-rollout-aborted", RELEASE + " aborted at {{weight}}%: {{verdict}}");
    MESSAGES.put("on-rollout-degraded", RELEASE + " is degraded: {{verdict}}");
    MESSAGES.put("on-scaling-replica-set", "{{name}} (rev {{revision}}): {{verdict}}");
    MESSAGES.put(RUNNING, RELEASE + ": {{verdict}}");
    MESSAGES.put("on-analysis-run-failed", RELEASE + ": {{verdict}}");
    MESSAGES.put(ERROR, RELEASE + ": {{verdict}}");
    MESSAGES.put("on-analysis-run-inconclusive", RELEASE + ": {{verdict}}");
    MESSAGES.put("on-gate-waiting", RELEASE + " waits for a gate: {{verdict}}");
    MESSAGES.put("on-gate-denied", RELEASE + ": {{verdict}}");
    MESSAGES.put("on-gate-timed-out", RELEASE + ": {{verdict}}");
    MESSAGES.put("on-hook-failed", RELEASE + ": {{verdict}}");
    MESSAGES.put("on-rollback-requested", RELEASE + ": {{verdict}}");
  }

  /** Triggers that report a problem (PagerDuty opens an incident, Grafana tags it). */
  private static final Set<String> PROBLEMS = Set.of("on-rollout-aborted", "on-rollout-degraded",
      "on-analysis-run-failed", ERROR);

  private static final Map<String, String> BY_EVENT = Map.of(
      "ProgressDeadlineExceeded", "on-rollout-degraded",
      "InvalidSpec", "on-rollout-degraded");

  private BuiltInTriggers() {}

  public static Set<String> names() {
    return MESSAGES.keySet();
  }

  public static boolean isBuiltIn(String trigger) {
    return MESSAGES.containsKey(trigger);
  }

  public static boolean isProblem(String trigger) {
    return PROBLEMS.contains(trigger);
  }

  /** The trigger an Event of the engine fires, if any: {@code RolloutAborted} fires its own. */
  public static Optional<String> forEvent(String reason) {
    String trigger = BY_EVENT.getOrDefault(reason, "on-" + kebab(reason));
    return isBuiltIn(trigger) && !trigger.equals(RUNNING) && !trigger.equals(ERROR)
        ? Optional.of(trigger) : Optional.empty();
  }

  /** The default template's name: the trigger's without {@code on-}. */
  public static String defaultTemplate(String trigger) {
    return trigger.substring("on-".length());
  }

  /** The built-in templates, by name. */
  static Map<String, MessageTemplate> templates() {
    Map<String, MessageTemplate> templates = new LinkedHashMap<>();
    MESSAGES.forEach((trigger, message) -> templates.put(defaultTemplate(trigger),
        MessageTemplate.compile(defaultTemplate(trigger), Map.of("message", message))));
    return templates;
  }

  static List<String> defaultSend(String trigger) {
    return List.of(defaultTemplate(trigger));
  }

  private static String kebab(String reason) {
    return reason.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
  }
}
