package dev.ramp.api.notifications;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a service remembers from the first message of a release to a recipient. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NotificationThread {
  /** Release and recipient, as {@code Outgoing.threadKey()} gives it. */
  public String key;

  public String service;

  public Map<String, String> values = new LinkedHashMap<>();
}
