package dev.ramp.controller.errors;

import dev.ramp.api.RolloutCondition;
import dev.ramp.controller.events.EventRecorder;
import dev.ramp.controller.kube.StatusWriter;
import dev.ramp.engine.Conditions;
import dev.ramp.engine.Messages;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes an error that Ramp did not expect in a reconcile (a bug, or data it cannot handle)
 * visible on the object itself: a {@code ReconcileError} condition and one Warning Event. The
 * reconcile still fails, so that it is counted and retried with backoff; while the same error
 * repeats, the condition stays as it is and no further Event is recorded. Errors of the
 * Kubernetes API are not reported here: they are the API's, counted and retried alike.
 */
public final class UnexpectedErrors {
  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrors.class);
  private static final String REASON = RolloutCondition.RECONCILE_ERROR;
  /** As an Event's message is cut; the condition says the same. */
  private static final int MESSAGE_CHARS = 1024;

  private final EventRecorder events;
  private final Clock clock;

  public UnexpectedErrors(EventRecorder events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  /** True for an error this reports: anything but the Kubernetes API's own. */
  public static boolean unexpected(RuntimeException error) {
    return !(error instanceof KubernetesClientException);
  }

  /**
   * Reports the error on the object, unless it is reported there already.
   *
   * @param status a copy of the object's status, to be written with the condition set
   * @param conditions the conditions of that copy
   */
  public <S, R extends CustomResource<?, S>> void report(R object, S status,
      List<RolloutCondition> conditions, Doing doing, RuntimeException error,
      Context<R> context) {
    try {
      reportOnce(object, status, conditions, message(doing, error), context);
    } catch (RuntimeException failed) {
      error.addSuppressed(failed); // logged with the error, which stays the one that counts
    }
  }

  private <S, R extends CustomResource<?, S>> void reportOnce(R object, S status,
      List<RolloutCondition> conditions, String message, Context<R> context) {
    RolloutCondition reported = Conditions.find(conditions, REASON);
    if (reported != null && message.equals(reported.message)) {
      return; // the same error again: reported when it first happened
    }
    Conditions.set(conditions, REASON, true, "UnexpectedError", message, clock.instant(), null);
    try {
      new StatusWriter(context.getClient()).write(object, status)
          .ifPresent(written -> context.eventSourceRetriever().getControllerEventSource()
              .handleRecentResourceUpdate(ResourceID.fromResource(object), written, object));
    } catch (KubernetesClientException e) {
      // the retry reports it again, on a fresher object
      LOG.warn("could not report the error on {} {}: {}", object.getKind(),
          object.getMetadata().getName(), e.getMessage());
      return;
    }
    events.record(object, true, REASON, message);
  }

  /** Removes the condition: a reconcile that got as far as writing the status went well. */
  public static void clear(List<RolloutCondition> conditions) {
    if (conditions != null) {
      Conditions.remove(conditions, REASON);
    }
  }

  /**
   * "Unexpected error while deciding: NullPointerException: .... Ramp keeps retrying; the
   * controller's log has the stack trace."
   */
  static String message(Doing doing, RuntimeException error) {
    String what = error.getClass().getSimpleName();
    if (doing.secrets()) {
      what += " (its message is left out: it may quote a Secret)";
    } else if (error.getMessage() != null) {
      what += ": " + error.getMessage();
    }
    return Messages.shorten("Unexpected error while " + doing.what() + ": " + what
        + ". Ramp keeps retrying; the controller's log has the stack trace.", MESSAGE_CHARS);
  }
}
