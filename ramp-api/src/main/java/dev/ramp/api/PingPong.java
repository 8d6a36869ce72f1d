package dev.ramp.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Argo Rollouts' ping-pong Services: two Services that take turns as the stable one. Which one
 * is stable now is in {@code status.canary.stablePingPong}; the other carries the canary, and at
 * the promotion it gets all the traffic and becomes the stable one, so no Service that serves
 * users ever changes its selector (an AWS ALB would deregister its targets).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PingPong {
  /** The value of {@code status.canary.stablePingPong} when pingService is the stable one. */
  public static final String PING = "ping";
  /** The value of {@code status.canary.stablePingPong} when pongService is the stable one. */
  public static final String PONG = "pong";

  @JsonPropertyDescription("One of the two Services that take turns as the stable Service; the"
      + " stable one at the first deploy.")
  public String pingService;

  @JsonPropertyDescription("The other of the two Services: it carries the first canary.")
  public String pongService;
}
