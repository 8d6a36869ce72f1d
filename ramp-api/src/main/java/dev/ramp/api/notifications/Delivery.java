package dev.ramp.api.notifications;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One notification for one recipient of one service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Delivery {
  public static final String PENDING = "Pending";
  public static final String SENT = "Sent";
  public static final String FAILED = "Failed";

  @JsonPropertyDescription(
      "Stable across attempts and restarts; sent as the Ramp-Delivery-Id header.")
  public String id;

  public String trigger;

  @JsonPropertyDescription("The template the message is made from.")
  public String template;

  @JsonPropertyDescription(
      "The service as subscriptions name it: the name of service.webhook.<name>, or slack.")
  public String service;

  public String recipient;

  public String revision;

  @JsonPropertyDescription("Pending, Sent or Failed.")
  public String state;

  public Integer attempts;

  @JsonPropertyDescription("What the service answered last.")
  public String message;

  @JsonPropertyDescription("When the trigger fired.")
  public String firedAt;

  @JsonPropertyDescription("The canary weight when the trigger fired.")
  public Integer weight;

  @JsonPropertyDescription("The step index when the trigger fired.")
  public Integer step;

  @JsonPropertyDescription("What the Event that fired the trigger said (an abort's reason).")
  public String verdict;
}
