package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * One of the signals a compare metric judges together: a counter source of its own (errors, slow
 * requests, any counter pair) and, optionally, its own tolerated ratio.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.prometheus), has(self.web), has(self.influxdb),"
    + " has(self.graphite), has(self.datadog), has(self.newRelic), has(self.cloudWatch)]"
    + ".filter(x, x).size() == 1",
    message = "a compare signal must read its counters from exactly one of prometheus, web,"
        + " influxdb, graphite, datadog, newRelic, cloudWatch")
public class CompareSignal extends CounterSources {
  @Required
  @Pattern("^\\S(.*\\S)?$")
  @Size(max = 63) // bounds the cost of the schema's rule comparing every two names
  @JsonPropertyDescription("The signal's name, e.g. errors or slow: verdicts name the signal"
      + " that decided.")
  public String name;

  @JsonPropertyDescription("Event rate ratio (canary over stable) still accepted for this"
      + " signal. Default: the metric's maxRatio.")
  public Double maxRatio;
}
