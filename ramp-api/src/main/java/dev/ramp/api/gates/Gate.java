package dev.ramp.api.gates;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/**
 * An outside system that must say yes before the rollout goes on: Ramp POSTs to {@code url}
 * every {@code interval} until it answers. As Flagger's confirm webhooks: 2xx is yes; 403, 409 or
 * a 2xx with {@code {"approved": false}} is no (abort); anything else is not yet. The same shape
 * is a step of its own ({@code steps: [{gate: {name}}]}), by name from {@code gates} or inline.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Gate {
  @Required
  @JsonPropertyDescription("Names the gate in the status, Events and a gate step.")
  public String name;

  @JsonPropertyDescription("Where Ramp asks (POST, JSON body). A gate step may leave it out to"
      + " use the gate of that name in gates.")
  public String url;

  @JsonPropertyDescription("Where the rollout waits for the gate: release (before the first"
      + " step moves traffic), weightIncrease (before each step that raises the canary's weight;"
      + " canary only), promotion (before full promotion, or before the active Service switches)."
      + " Not in a gate step.")
  public List<String> at;

  @JsonPropertyDescription("How often to ask while waiting: seconds or a duration such as 30s."
      + " Defaults to 30s.")
  public String interval;

  @JsonPropertyDescription("Abort when no yes came this long after Ramp started asking"
      + " (a duration such as 30m). Absent: wait for as long as it takes.")
  public String timeout;

  @JsonPropertyDescription("Headers sent with each request; a value may come from a Secret.")
  public List<GateHeader> headers;

  public Gate() {}

  public Gate(String name, String url) {
    this.name = name;
    this.url = url;
  }
}
