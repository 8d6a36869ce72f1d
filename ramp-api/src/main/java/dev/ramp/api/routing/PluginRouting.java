package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.Map;

/**
 * A router Ramp does not know, driven through a plugin that speaks Ramp's router protocol (JSON
 * over HTTP, described in docs/router-plugins.md).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PluginRouting {
  /** The key of the token Secret read when tokenSecretRef names none. */
  public static final String DEFAULT_TOKEN_KEY = "token";

  @Required
  @Pattern("^https?://.+")
  @JsonPropertyDescription("The plugin's base URL (http or https): Ramp POSTs to <url>/v1/read"
      + " and <url>/v1/apply.")
  public String url;

  @JsonPropertyDescription("A Secret in the rollout's namespace holding the token Ramp sends as"
      + " 'Authorization: Bearer <token>' (key defaults to \"token\"). Absent: no token is sent.")
  public SecretKeySelector tokenSecretRef;

  @PreserveUnknownFields
  @SchemaFrom(type = AnyObject.class)
  @JsonPropertyDescription("Passed to the plugin as it is, in every request: what the plugin"
      + " needs to find its objects.")
  public Map<String, Object> config;

  /** The schema of config: an object, whatever its fields and their values. */
  private static final class AnyObject {}
}
