package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Flagger's session affinity: a user the canary served gets a cookie, and requests carrying it
 * go to the canary until the rollout ends, so nobody flips between versions page by page.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SessionAffinity {
  /** A cookie name as RFC 6265 allows it: a token, one or more of these characters. */
  public static final String COOKIE_NAME = "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$";
  /** Flagger's default: one day. */
  public static final int DEFAULT_MAX_AGE = 86400;

  @Required
  @ValidationRule(value = "self.matches(\"" + COOKIE_NAME + "\")",
      message = "cookieName must be a cookie name: letters, digits and !#$%&'*+-.^_`|~ only")
  @JsonPropertyDescription("Name of the cookie the canary's responses set.")
  public String cookieName;

  @Min(1)
  @JsonPropertyDescription("Seconds the cookie keeps a user on the canary. Defaults to 86400.")
  public Integer maxAge;

  /** maxAge, or its default. */
  @JsonIgnore
  public int maxAgeSeconds() {
    return maxAge != null ? maxAge : DEFAULT_MAX_AGE;
  }
}
