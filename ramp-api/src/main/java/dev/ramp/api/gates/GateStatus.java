package dev.ramp.api.gates;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * What a gate or hook answered for one revision, kept so that a restarted controller neither
 * asks again for an answered gate nor forgets when it started asking.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GateStatus {
  public static final String WAITING = "Waiting";
  public static final String APPROVED = "Approved";
  public static final String DENIED = "Denied";
  public static final String RUNNING = "Running";
  public static final String SUCCEEDED = "Succeeded";
  public static final String FAILED = "Failed";

  @JsonPropertyDescription("The gate's or hook's name.")
  public String name;

  @JsonPropertyDescription("release, weightIncrease, promotion, step, preRelease, postRelease or"
      + " rollback.")
  public String point;

  @JsonPropertyDescription("The step (status.currentStepIndex) at which it is asked.")
  public Integer step;

  @JsonPropertyDescription("The revision (pod-template-hash) it is asked about.")
  public String revision;

  @JsonPropertyDescription("Gates: Waiting, Approved or Denied. Hooks: Running, Succeeded or"
      + " Failed.")
  public String phase;

  @JsonPropertyDescription("Since when it is asked (RFC 3339); a gate's timeout counts from here.")
  public String since;

  @JsonPropertyDescription("When it was last asked (RFC 3339).")
  public String lastAsked;

  @JsonPropertyDescription("What it answered last, in words.")
  public String message;

  public GateStatus() {}

  public GateStatus(String name, String point, Integer step, String revision, String phase,
      String since) {
    this.name = name;
    this.point = point;
    this.step = step;
    this.revision = revision;
    this.phase = phase;
    this.since = since;
  }

  /** True while an answer is awaited. */
  @JsonIgnore
  public boolean pending() {
    return WAITING.equals(phase) || RUNNING.equals(phase);
  }
}
