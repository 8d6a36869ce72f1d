package dev.ramp.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Argo Rollouts' ping-pong Services; Ramp refuses them for now, with a message saying so. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PingPong {
  @JsonPropertyDescription("One of the two Services that swap roles at each release.")
  public String pingService;

  @JsonPropertyDescription("The other of the two Services.")
  public String pongService;
}
