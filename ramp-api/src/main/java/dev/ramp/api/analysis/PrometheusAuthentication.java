package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** How Ramp authenticates to Prometheus beyond headers, with Argo Rollouts' field names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PrometheusAuthentication {
  public OAuth2 oauth2;

  /** OAuth2 client credentials: a token fetched from {@code tokenUrl}, sent as a Bearer token. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class OAuth2 {
    public String tokenUrl;
    public String clientId;

    /** Usually {@code {{args.name}}} of an argument read from a Secret. */
    public String clientSecret;

    public List<String> scopes;
  }
}
