package dev.ramp.api.notifications;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * The notifications of a rollout: each delivery, recorded as pending in the same status write as
 * the change that fired it, so that a restarted controller neither drops nor repeats one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NotificationRecord {
  @JsonPropertyDescription("The current and the previous revision's deliveries, oldest first.")
  public List<Delivery> deliveries = new ArrayList<>();

  @JsonPropertyDescription(
      "What a service asked to remember for later messages of a release (a Slack thread).")
  public List<NotificationThread> threads;
}
