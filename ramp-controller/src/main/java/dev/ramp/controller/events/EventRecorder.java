package dev.ramp.controller.events;

import dev.ramp.engine.Messages;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records Kubernetes Events on an object, as {@code kubectl describe} and {@code kubectl get
 * events} show them. Events are a courtesy: failing to write one is logged, never fatal.
 */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  public static final String COMPONENT = "ramp-controller";
  /** As events.k8s.io limits an Event's note: a message quoting a huge spec is cut. */
  private static final int MESSAGE_CHARS = 1024;

  private final KubernetesClient client;
  private final Clock clock;
  private final AtomicLong sequence = new AtomicLong();

  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public void record(HasMetadata about, boolean warning, String reason, String message) {
    String now = clock.instant().toString();
    Event event = new EventBuilder()
        .withNewMetadata()
        .withName(about.getMetadata().getName() + "." + Long.toHexString(System.nanoTime())
            + Long.toHexString(sequence.incrementAndGet()))
        .withNamespace(about.getMetadata().getNamespace())
        .endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder()
            .withApiVersion(about.getApiVersion()).withKind(about.getKind())
            .withName(about.getMetadata().getName())
            .withNamespace(about.getMetadata().getNamespace())
            .withUid(about.getMetadata().getUid())
            .withResourceVersion(about.getMetadata().getResourceVersion())
            .build())
        .withType(warning ? "Warning" : "Normal")
        .withReason(reason)
        .withMessage(Messages.shorten(message, MESSAGE_CHARS))
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .withNewSource().withComponent(COMPONENT).endSource()
        .withReportingComponent("ramp.dev/" + COMPONENT)
        .build();
    try {
      client.v1().events().resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warn("could not record event {} on {}: {}", reason, about.getMetadata().getName(),
          e.getMessage());
    }
  }
}
