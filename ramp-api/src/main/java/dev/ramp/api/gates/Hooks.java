package dev.ramp.api.gates;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** The calls Ramp makes around a release (Flagger's pre-rollout, post-rollout, rollback). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Hooks {
  @JsonPropertyDescription("Run in order before the first step; a failure aborts the release"
      + " before any traffic moves.")
  public List<Hook> preRelease;

  @JsonPropertyDescription("Called once per revision after it completes or is aborted; a"
      + " failure is a Warning Event, nothing more.")
  public List<Hook> postRelease;

  @JsonPropertyDescription("Polled during a release; its answer can abort it.")
  public RollbackHook rollback;
}
