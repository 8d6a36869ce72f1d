package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** How Ramp authenticates to Prometheus beyond headers, with Argo Rollouts' field names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!(has(self.oauth2) && has(self.sigv4))",
    message = "authentication sets oauth2 or sigv4, not both")
public class PrometheusAuthentication {
  public OAuth2 oauth2;

  @JsonPropertyDescription("Sign each query with AWS Signature Version 4, as Amazon Managed"
      + " Prometheus wants.")
  public Sigv4 sigv4;

  /** OAuth2 client credentials: a token fetched from {@code tokenUrl}, sent as a Bearer token. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class OAuth2 {
    public String tokenUrl;
    public String clientId;

    /** Usually {@code {{args.name}}} of an argument read from a Secret. */
    public String clientSecret;

    public List<String> scopes;
  }

  /**
   * AWS Signature Version 4 (service {@code aps}) with credentials from the AWS default chain,
   * or its named profile, optionally exchanged through STS for those of a role.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Sigv4 {
    @JsonPropertyDescription("The workspace's AWS region, e.g. us-east-1; default the AWS default"
        + " region chain's (AWS_REGION, the profile's region).")
    public String region;

    @JsonPropertyDescription("The profile of the shared AWS config and credentials files whose"
        + " credentials sign; default the default chain's.")
    public String profile;

    @JsonPropertyDescription("A role to assume through STS; its temporary credentials sign.")
    public String roleArn;
  }
}
