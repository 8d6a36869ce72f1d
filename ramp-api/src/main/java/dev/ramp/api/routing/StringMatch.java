package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.ValidationRule;

/** A string (a header value, a path, a method) matched one way, as in Argo Rollouts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.exact), has(self.prefix), has(self.regex)]"
    + ".filter(x, x).size() == 1",
    message = "a match must set exactly one of exact, prefix, regex")
public class StringMatch {
  public String exact;
  public String prefix;
  public String regex;

  public StringMatch() {}

  public static StringMatch exact(String value) {
    StringMatch match = new StringMatch();
    match.exact = value;
    return match;
  }

  /** How many of exact, prefix and regex are set: a valid match sets one. */
  public int kinds() {
    return (exact != null ? 1 : 0) + (prefix != null ? 1 : 0) + (regex != null ? 1 : 0);
  }
}
