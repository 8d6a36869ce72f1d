package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Requests whose header matches go to the canary. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HeaderMatch {
  @Required public String headerName;
  @Required public Value headerValue;

  public HeaderMatch() {}

  public HeaderMatch(String headerName, String exact) {
    this.headerName = headerName;
    this.headerValue = new Value();
    this.headerValue.exact = exact;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ValidationRule(value = "[has(self.exact), has(self.prefix), has(self.regex)]"
      + ".filter(x, x).size() == 1",
      message = "headerValue must set exactly one of exact, prefix, regex")
  public static class Value {
    public String exact;
    public String prefix;
    public String regex;
  }
}
