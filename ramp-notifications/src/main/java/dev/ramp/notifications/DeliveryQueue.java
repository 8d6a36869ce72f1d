package dev.ramp.notifications;

import dev.ramp.api.notifications.Delivery;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Sends deliveries in the background: a small pool and a bounded queue per service, so that a
 * slow or dead receiver delays neither a reconcile nor another service. An answer worth
 * retrying is retried with exponential backoff (or after the receiver's Retry-After) until
 * {@code giveUpAfter} has passed since the first attempt; a refusal fails at once. The queue
 * never writes a status: it keeps each outcome until its owner has recorded it ({@link
 * #recorded}) and tells the {@link Listener}, which asks for that.
 */
public final class DeliveryQueue implements AutoCloseable {
  private static final int THREADS_PER_SERVICE = 2;
  private static final int RECENTLY_RECORDED = 10_000;

  /** A delivery to send: whose it is (a rollout's key) and through which service. */
  public record Job(String owner, String service, NotificationService sender, Outgoing outgoing) {}

  /**
   * How a delivery ended.
   *
   * @param state {@link Delivery#SENT} or {@link Delivery#FAILED}
   * @param refused the receiver refused it (not worth a retry)
   */
  public record Outcome(String deliveryId, String state, int attempts, String message,
      boolean refused, String threadKey, Map<String, String> remember) {}

  /** Told of each outcome, on the sending thread. */
  public interface Listener {
    void finished(Job job, Outcome outcome, Duration latency);
  }

  private final Duration giveUpAfter;
  private final Duration firstBackoff;
  private final Duration maxBackoff;
  private final int capacityPerService;
  private final Listener listener;
  private final Map<String, ExecutorService> pools = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      daemon("ramp-notification-retry"));
  private final Map<String, Boolean> underWay = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Outcome>> outcomes = new ConcurrentHashMap<>();
  /**
   * Ids recorded lately: a reconcile on a rollout read before the record was written must not
   * send them again.
   */
  private final Set<String> recently = Collections.synchronizedSet(Collections.newSetFromMap(
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > RECENTLY_RECORDED;
        }
      }));

  public DeliveryQueue(Duration giveUpAfter, Duration firstBackoff, Duration maxBackoff,
      int capacityPerService, Listener listener) {
    this.giveUpAfter = giveUpAfter;
    this.firstBackoff = firstBackoff;
    this.maxBackoff = maxBackoff;
    this.capacityPerService = capacityPerService;
    this.listener = listener;
  }

  /**
   * Queues the delivery unless it is under way or ended and not yet recorded; never blocks.
   *
   * @return false when it was not queued (also when the service's queue is full: the owner
   *     offers it again later)
   */
  public boolean offer(Job job) {
    String id = job.outgoing().deliveryId();
    if (recently.contains(id) || underWay.putIfAbsent(id, true) != null) {
      return false;
    }
    // after marking it under way: an outcome is kept before its mark is removed
    if (outcomes.getOrDefault(job.owner(), Map.of()).containsKey(id)) {
      underWay.remove(id);
      return false;
    }
    return submit(job, 1, System.nanoTime());
  }

  /** The outcomes of the owner's deliveries not yet recorded, by delivery id. */
  public Map<String, Outcome> outcomes(String owner) {
    return Map.copyOf(outcomes.getOrDefault(owner, Map.of()));
  }

  /** The owner has recorded these outcomes in its status: they are forgotten here. */
  public void recorded(String owner, Collection<String> deliveryIds) {
    Map<String, Outcome> owned = outcomes.get(owner);
    if (owned != null) {
      deliveryIds.forEach(owned::remove);
      recently.addAll(deliveryIds);
      outcomes.remove(owner, Map.of());
    }
  }

  private boolean submit(Job job, int attempt, long started) {
    try {
      pool(job.service()).execute(() -> attempt(job, attempt, started));
      return true;
    } catch (RejectedExecutionException full) {
      underWay.remove(job.outgoing().deliveryId());
      return false;
    }
  }

  private void attempt(Job job, int attempt, long started) {
    SendResult result;
    try {
      result = job.sender().send(job.outgoing());
    } catch (RuntimeException e) {
      result = new SendResult.Retry(job.service() + " failed: " + e.getClass().getSimpleName(),
          null);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    if (result instanceof SendResult.Delivered delivered) {
      finish(job, new Outcome(job.outgoing().deliveryId(), Delivery.SENT, attempt,
          delivered.message(), false, job.outgoing().threadKey(), delivered.remember()), elapsed);
    } else if (result instanceof SendResult.Refused refused) {
      finish(job, new Outcome(job.outgoing().deliveryId(), Delivery.FAILED, attempt,
          refused.message(), true, job.outgoing().threadKey(), Map.of()), elapsed);
    } else {
      SendResult.Retry retry = (SendResult.Retry) result;
      Duration wait = retry.after() != null ? retry.after() : backoff(attempt);
      if (elapsed.plus(wait).compareTo(giveUpAfter) > 0) {
        finish(job, new Outcome(job.outgoing().deliveryId(), Delivery.FAILED, attempt,
            "gave up after " + attempt + " attempts: " + retry.message(), false,
            job.outgoing().threadKey(), Map.of()), elapsed);
        return;
      }
      try {
        timer.schedule(() -> {
          if (!submit(job, attempt + 1, started)) {
            underWay.remove(job.outgoing().deliveryId());
          }
        }, wait.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException closed) {
        underWay.remove(job.outgoing().deliveryId());
      }
    }
  }

  private void finish(Job job, Outcome outcome, Duration latency) {
    outcomes.computeIfAbsent(job.owner(), o -> new ConcurrentHashMap<>())
        .put(outcome.deliveryId(), outcome);
    underWay.remove(outcome.deliveryId());
    listener.finished(job, outcome, latency);
  }

  private Duration backoff(int attempt) {
    Duration wait = firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  private ExecutorService pool(String service) {
    return pools.computeIfAbsent(service, s -> new ThreadPoolExecutor(THREADS_PER_SERVICE,
        THREADS_PER_SERVICE, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(capacityPerService),
        daemon("ramp-notify-" + s)));
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Stops sending; deliveries under way stay pending in their owners' records. */
  @Override
  public void close() {
    timer.shutdownNow();
    pools.values().forEach(ExecutorService::shutdownNow);
  }
}
