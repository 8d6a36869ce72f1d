package dev.ramp.controller.notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutStatus;
import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.notifications.Delivery;
import dev.ramp.api.notifications.NotificationRecord;
import dev.ramp.api.notifications.NotificationThread;
import dev.ramp.controller.config.NotificationSettings;
import dev.ramp.controller.events.EventRecorder;
import dev.ramp.engine.AnalysisRunView;
import dev.ramp.engine.Conditions;
import dev.ramp.engine.Copies;
import dev.ramp.engine.RolloutEvent;
import dev.ramp.engine.Times;
import dev.ramp.notifications.BuiltInTriggers;
import dev.ramp.notifications.DeliveryIds;
import dev.ramp.notifications.DeliveryQueue;
import dev.ramp.notifications.HttpSend;
import dev.ramp.notifications.NotificationConfig;
import dev.ramp.notifications.Outgoing;
import dev.ramp.notifications.Subscription;
import dev.ramp.notifications.TriggerConditions;
import dev.ramp.notifications.TriggerDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications in the reconcile: before the status write, the outcomes of finished deliveries
 * are folded into the rollout's delivery record and each notification the decision fired is
 * added to it as pending; after the write, the pending ones are handed to the queue. So a
 * delivery is recorded in the same write as the change that fired it, and sent (again, with the
 * same id) by whichever controller finds it pending.
 */
public final class Notifier implements AutoCloseable {
  public static final String CONDITION = "NotificationsReady";
  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Deliveries kept in the record, oldest dropped first. */
  static final int KEPT = 40;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
  private static final int QUEUE_PER_SERVICE = 1_000;
  private static final Set<String> CAUSES_OF_ABORT =
      Set.of("AnalysisRunFailed", "ExperimentFailed", "ProgressDeadlineExceeded");

  private final NotificationSettings settings;
  private final EventRecorder events;
  private final MeterRegistry registry;
  private final NotificationConfigSource source;
  private final DeliveryQueue queue;
  private volatile Consumer<ResourceID> wake = id -> {};

  /** What a prepared status changes, for {@link #written}. */
  public record Changes(String owner, List<String> folded, List<String> failures,
      String newProblem) {
    static final Changes NONE = new Changes("", List.of(), List.of(), null);
  }

  public Notifier(KubernetesClient client, NotificationSettings settings, EventRecorder events,
      MeterRegistry registry) {
    this.settings = settings;
    this.events = events;
    this.registry = registry;
    HttpSend http = new HttpSend(HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build());
    this.source = new NotificationConfigSource(client, settings, http);
    this.queue = new DeliveryQueue(settings.giveUpAfter(), FIRST_BACKOFF, MAX_BACKOFF,
        QUEUE_PER_SERVICE, this::finished);
  }

  /** How the queue asks for a reconcile of a rollout whose delivery ended. */
  public void wakeWith(Consumer<ResourceID> reconcile) {
    this.wake = reconcile;
  }

  /**
   * Updates {@code status} (about to be written for {@code rollout}) with the outcomes of ended
   * deliveries and the notifications that {@code fired} (the decision's Events) and the
   * AnalysisRuns give.
   */
  public Changes prepare(Rollout rollout, RolloutStatus status, List<RolloutEvent> fired,
      List<AnalysisRunView> runs, Supplier<List<Map<String, Object>>> runObjects, Instant now) {
    NotificationConfig config = source.config(rollout.getMetadata().getNamespace());
    Map<String, String> annotations = Objects.requireNonNullElse(
        rollout.getMetadata().getAnnotations(), Map.of());
    List<Subscription> subscriptions = Subscription.of(annotations, config);
    if (subscriptions.isEmpty() && status.notifications == null) {
      return Changes.NONE;
    }
    String owner = owner(rollout);
    NotificationRecord record = status.notifications == null ? new NotificationRecord()
        : Copies.of(status.notifications);
    List<String> failures = new ArrayList<>();
    List<String> folded = fold(record, queue.outcomes(owner), failures);

    Set<String> problems = new TreeSet<>(config.problems());
    if (!subscriptions.isEmpty()) {
      Rollout decided = withStatus(rollout, status);
      Map<String, Object> rolloutMap = null;
      List<Map<String, Object>> runMaps = null;
      for (Moment moment : moments(rollout.getStatus(), status, fired, runs, now)) {
        add(record, config, subscriptions, moment, decided, problems, now);
      }
      for (TriggerDefinition custom : config.customTriggers()) {
        if (subscriptions.stream().noneMatch(s -> s.trigger().equals(custom.name()))
            || custom.problem() != null) {
          continue;
        }
        if (rolloutMap == null) {
          rolloutMap = asMap(decided);
          runMaps = runObjects.get();
        }
        for (TriggerDefinition.Condition condition : custom.conditions()) {
          try {
            if (Boolean.TRUE.equals(TriggerConditions.evaluate(condition.when(), rolloutMap,
                runMaps))) {
              String once = condition.oncePer() == null ? "" : String.valueOf(
                  TriggerConditions.evaluate(condition.oncePer(), rolloutMap, runMaps));
              add(record, config, subscriptions, new Moment(custom.name(), "when:" + once,
                  status.currentStepIndex, weight(rollout.getStatus(), status), null), decided,
                  problems, now);
            }
          } catch (IllegalArgumentException e) {
            problems.add("trigger." + custom.name() + ": " + e.getMessage());
          }
        }
      }
      for (Subscription subscription : subscriptions) {
        config.sends(subscription.trigger(), subscription.service()).stream()
            .filter(send -> send.problem() != null)
            .forEach(send -> problems.add(send.problem()));
      }
    }
    keepRecent(record, status.updatedRevision);
    status.notifications = record.deliveries.isEmpty() && record.threads == null ? null : record;
    return new Changes(owner, folded, failures, condition(status, problems, subscriptions, now));
  }

  /** After the status was written (or found unchanged): sends what is pending. */
  public void written(Rollout rollout, Changes changes) {
    if (changes == Changes.NONE) {
      return;
    }
    queue.recorded(changes.owner(), changes.folded());
    for (String failure : changes.failures()) {
      events.record(rollout, true, "NotificationFailed", failure);
    }
    if (changes.newProblem() != null) {
      events.record(rollout, true, "NotificationConfigError", changes.newProblem());
    }
    RolloutStatus status = rollout.getStatus();
    if (status == null || status.notifications == null) {
      return;
    }
    NotificationConfig config = source.config(rollout.getMetadata().getNamespace());
    // a release's messages to one recipient go one at a time, in the order they fired: each
    // finds what the one before left to remember (Slack's thread) and arrives after it
    Set<String> threadsUnderWay = new HashSet<>();
    for (Delivery delivery : status.notifications.deliveries) {
      if (Delivery.PENDING.equals(delivery.state)
          && threadsUnderWay.add(delivery.service + " " + threadKey(rollout, delivery))) {
        send(rollout, status.notifications, delivery, config, changes.owner());
      }
    }
  }

  private static String threadKey(Rollout rollout, Delivery delivery) {
    return Outgoing.threadKey(rollout.getMetadata().getNamespace(),
        rollout.getMetadata().getName(), delivery.revision, delivery.recipient);
  }

  private void send(Rollout rollout, NotificationRecord record, Delivery delivery,
      NotificationConfig config, String owner) {
    NotificationConfig.ServiceEntry service = config.services().get(delivery.service);
    Map<String, String> thread = Objects.requireNonNullElse(record.threads,
            List.<NotificationThread>of()).stream()
        .filter(t -> delivery.service.equals(t.service)
            && t.key.equals(threadKey(rollout, delivery)))
        .map(t -> t.values).findFirst().orElse(Map.of());
    // a service or template that cannot be used is reported by the NotificationsReady
    // condition; the delivery waits, pending, for the ConfigMap to be fixed
    config.outgoing(rollout, delivery, settings.dashboardUrl(), thread).ifPresent(outgoing ->
        queue.offer(new DeliveryQueue.Job(owner, delivery.service, service.service(),
            outgoing)));
  }

  private void finished(DeliveryQueue.Job job, DeliveryQueue.Outcome outcome, Duration latency) {
    String result = outcome.refused() ? "refused" : outcome.state().toLowerCase();
    Counter.builder("ramp.notifications").description("Notifications sent or given up")
        .tag("service", job.service()).tag("trigger", job.outgoing().trigger())
        .tag("result", result).register(registry).increment();
    Timer.builder("ramp.notification.delivery")
        .description("From the first attempt of a delivery to its end")
        .tag("service", job.service()).publishPercentileHistogram()
        .register(registry).record(latency);
    if (!Delivery.SENT.equals(outcome.state())) {
      LOG.warn("{}: notification {} through {} failed: {}", job.owner(),
          job.outgoing().trigger(), job.service(), outcome.message());
    }
    String[] key = job.owner().split("/", 2);
    wake.accept(new ResourceID(key[1], key[0]));
  }

  /** Folds ended deliveries into the record; returns their ids. */
  private static List<String> fold(NotificationRecord record,
      Map<String, DeliveryQueue.Outcome> outcomes, List<String> failures) {
    List<String> folded = new ArrayList<>();
    for (Delivery delivery : record.deliveries) {
      DeliveryQueue.Outcome outcome = outcomes.get(delivery.id);
      if (outcome == null) {
        continue;
      }
      folded.add(delivery.id);
      if (!Delivery.PENDING.equals(delivery.state)) {
        continue;
      }
      delivery.state = outcome.state();
      delivery.attempts = outcome.attempts();
      delivery.message = outcome.message();
      if (Delivery.FAILED.equals(outcome.state())) {
        failures.add(delivery.trigger + " to " + delivery.service
            + (delivery.recipient == null || delivery.recipient.isEmpty() ? ""
                : " " + delivery.recipient) + " failed: " + outcome.message());
      }
      if (!outcome.remember().isEmpty()) {
        NotificationThread thread = new NotificationThread();
        thread.key = outcome.threadKey();
        thread.service = delivery.service;
        thread.values.putAll(outcome.remember());
        threads(record).removeIf(t -> t.key.equals(thread.key)
            && t.service.equals(thread.service));
        threads(record).add(thread);
      }
    }
    return folded;
  }

  /** One firing of a trigger: what the Event said and the step and weight of the moment. */
  private record Moment(String trigger, String occurrence, Integer step, Integer weight,
      String verdict) {}

  private static List<Moment> moments(RolloutStatus before, RolloutStatus after,
      List<RolloutEvent> fired, List<AnalysisRunView> runs, Instant now) {
    List<Moment> moments = new ArrayList<>();
    Integer weight = weight(before, after);
    int stepBefore = before == null || before.currentStepIndex == null ? 0
        : before.currentStepIndex;
    int completed = 0;
    // an Event happens once: a decision whose status was not written is decided again, and
    // fires again, and nothing of it was recorded or sent
    String when = Times.format(now);
    for (int i = 0; i < fired.size(); i++) {
      RolloutEvent event = fired.get(i);
      String trigger = BuiltInTriggers.forEvent(event.reason()).orElse(null);
      if (trigger == null) {
        continue;
      }
      Integer step = after.currentStepIndex;
      if (trigger.equals("on-rollout-step-completed")) {
        completed++;
        step = Math.min(stepBefore + completed, Objects.requireNonNullElse(step, 0));
      }
      // an abort caused by a verdict (a failed analysis or experiment, a missed deadline) is
      // reported by that verdict's Event, just before the abort's own
      String verdict = trigger.equals("on-rollout-aborted") && i > 0
          && CAUSES_OF_ABORT.contains(fired.get(i - 1).reason()) ? fired.get(i - 1).message()
          : event.message();
      // a completed release has all the traffic, whatever share its last step gave it
      Integer share = trigger.equals("on-rollout-completed") ? 100 : weight;
      moments.add(new Moment(trigger, "event:" + when + ":" + i, step, share, verdict));
    }
    for (AnalysisRunView run : runs) {
      String trigger = run.phase() == AnalysisPhase.Running ? BuiltInTriggers.RUNNING
          : run.phase() == AnalysisPhase.Error ? BuiltInTriggers.ERROR : null;
      if (trigger != null && Objects.equals(run.revision(), after.updatedRevision)) {
        moments.add(new Moment(trigger, "run:" + run.name(), after.currentStepIndex, weight,
            "analysis run " + run.name() + (run.phase() == AnalysisPhase.Running ? " is running"
                : " ended in error" + (run.message() == null ? "" : ": " + run.message()))));
      }
    }
    return moments;
  }

  private void add(NotificationRecord record, NotificationConfig config,
      List<Subscription> subscriptions, Moment moment, Rollout decided, Set<String> problems,
      Instant now) {
    TriggerDefinition definition = config.trigger(moment.trigger());
    Set<String> ids = new LinkedHashSet<>();
    record.deliveries.forEach(d -> ids.add(d.id));
    for (Subscription subscription : subscriptions) {
      if (!subscription.trigger().equals(moment.trigger())
          || !holds(definition, decided, problems)) {
        continue;
      }
      for (NotificationConfig.Send send : config.sends(moment.trigger(),
          subscription.service())) {
        if (send.problem() != null) {
          continue;
        }
        String revision = Objects.requireNonNullElse(decided.getStatus().updatedRevision, "");
        String id = DeliveryIds.of(decided.getMetadata().getUid(), revision, moment.trigger(),
            moment.occurrence(), send.template(), subscription.service(),
            subscription.recipient());
        if (!ids.add(id)) {
          continue;
        }
        Delivery delivery = new Delivery();
        delivery.id = id;
        delivery.trigger = moment.trigger();
        delivery.template = send.template();
        delivery.service = subscription.service();
        delivery.recipient = subscription.recipient();
        delivery.revision = revision;
        delivery.state = Delivery.PENDING;
        delivery.attempts = 0;
        delivery.firedAt = Times.format(now);
        delivery.step = moment.step();
        delivery.weight = moment.weight();
        delivery.verdict = moment.verdict() == null ? null
            : moment.verdict().length() > 300 ? moment.verdict().substring(0, 300) + "…"
            : moment.verdict();
        record.deliveries.add(delivery);
      }
    }
  }

  /** A built-in trigger's {@code when} in the ConfigMap narrows when it fires. */
  private static boolean holds(TriggerDefinition definition, Rollout decided,
      Set<String> problems) {
    if (definition == null || !BuiltInTriggers.isBuiltIn(definition.name())
        || definition.problem() != null) {
      return true;
    }
    List<String> whens = definition.conditions().stream().map(TriggerDefinition.Condition::when)
        .filter(Objects::nonNull).toList();
    if (whens.isEmpty()) {
      return true;
    }
    try {
      Map<String, Object> rollout = asMap(decided);
      for (String when : whens) {
        if (Boolean.TRUE.equals(TriggerConditions.evaluate(when, rollout, List.of()))) {
          return true;
        }
      }
      return false;
    } catch (IllegalArgumentException e) {
      problems.add("trigger." + definition.name() + ": " + e.getMessage());
      return false;
    }
  }

  /** Keeps the current revision's deliveries and the previous one's, at most {@link #KEPT}. */
  private static void keepRecent(NotificationRecord record, String current) {
    String previous = null;
    for (int i = record.deliveries.size() - 1; i >= 0 && previous == null; i--) {
      String revision = record.deliveries.get(i).revision;
      if (!Objects.equals(revision, current)) {
        previous = revision;
      }
    }
    Set<String> kept = new LinkedHashSet<>();
    kept.add(Objects.requireNonNullElse(current, ""));
    if (previous != null) {
      kept.add(previous);
    }
    record.deliveries.removeIf(d -> !kept.contains(Objects.requireNonNullElse(d.revision, "")));
    while (record.deliveries.size() > KEPT) {
      record.deliveries.remove(0);
    }
    if (record.threads != null) {
      record.threads.removeIf(t -> kept.stream().noneMatch(r -> t.key.contains("/" + r + "/")));
      if (record.threads.isEmpty()) {
        record.threads = null;
      }
    }
  }

  /**
   * Sets NotificationsReady; returns its message when it newly reports a problem (for a Warning
   * Event), else null.
   */
  private static String condition(RolloutStatus status, Set<String> problems,
      List<Subscription> subscriptions, Instant now) {
    if (subscriptions.isEmpty()) {
      Conditions.remove(status.conditions, CONDITION);
      return null;
    }
    String message = problems.isEmpty() ? "" : String.join("; ", problems);
    var before = Conditions.find(status.conditions, CONDITION);
    boolean changed = before == null || !message.equals(Objects.requireNonNullElse(
        before.message, ""));
    Conditions.set(status.conditions, CONDITION, problems.isEmpty(),
        problems.isEmpty() ? "NotificationsConfigured" : "NotificationConfigError", message, now,
        null);
    return changed && !problems.isEmpty() ? message : null;
  }

  private static Integer weight(RolloutStatus before, RolloutStatus after) {
    int was = before == null || before.canary == null || before.canary.weight == null ? 0
        : before.canary.weight;
    int is = after.canary == null || after.canary.weight == null ? 0 : after.canary.weight;
    return Math.max(was, is);
  }

  private static List<NotificationThread> threads(NotificationRecord record) {
    if (record.threads == null) {
      record.threads = new ArrayList<>();
    }
    return record.threads;
  }

  private static Rollout withStatus(Rollout rollout, RolloutStatus status) {
    Rollout decided = new Rollout();
    decided.setMetadata(rollout.getMetadata());
    decided.setSpec(rollout.getSpec());
    decided.setStatus(status);
    return decided;
  }

  /** An object as CEL sees it: a map of its fields. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> asMap(Object object) {
    return new HashMap<>(JSON.convertValue(object, Map.class));
  }

  private static String owner(Rollout rollout) {
    return rollout.getMetadata().getNamespace() + "/" + rollout.getMetadata().getName();
  }

  @Override
  public void close() {
    queue.close();
    source.close();
  }
}
