package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** Requests whose header matches go to the canary. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HeaderMatch {
  @Required public String headerName;
  @Required public StringMatch headerValue;

  public HeaderMatch() {}

  public HeaderMatch(String headerName, String exact) {
    this.headerName = headerName;
    this.headerValue = StringMatch.exact(exact);
  }
}
