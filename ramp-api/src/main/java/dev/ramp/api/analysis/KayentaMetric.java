package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;

/**
 * A canary judgement delegated to a Kayenta server, with the fields of Argo Rollouts'
 * {@code kayenta} provider: the measurement starts a canary execution and follows it until
 * Kayenta scores it; the score decides (at least {@code threshold.pass} Successful, at least
 * {@code threshold.marginal} Inconclusive, below Failed) and is the measurement's value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KayentaMetric {
  @Required
  @JsonPropertyDescription("The Kayenta server, e.g. http://kayenta.kayenta:8090.")
  public String address;

  @Required
  @JsonPropertyDescription("The application the canary config belongs to.")
  public String application;

  @Required
  @JsonPropertyDescription("The canary config's name, as Kayenta lists it.")
  public String canaryConfigName;

  @Required
  @JsonPropertyDescription("Kayenta's account for the metrics store.")
  public String metricsAccountName;

  @Required
  @JsonPropertyDescription("Kayenta's account where canary configs are kept.")
  public String configurationAccountName;

  @Required
  @JsonPropertyDescription("Kayenta's account where results are kept.")
  public String storageAccountName;

  @Required
  @JsonPropertyDescription("The scores that pass and that are marginal (0 to 100).")
  public Threshold threshold;

  @Required
  @JsonPropertyDescription("The control and experiment scope of each of the config's scopes.")
  public List<Scope> scopes;

  @JsonPropertyDescription("How long each request to Kayenta may take (default 15s); the"
      + " judgement itself is followed until Kayenta completes it.")
  public IntOrString timeout;

  /** Argo Rollouts' Kayenta thresholds. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Threshold {
    @Required
    @JsonPropertyDescription("The lowest score that passes, e.g. 95.")
    public Integer pass;

    @Required
    @JsonPropertyDescription("The lowest score that is marginal (Inconclusive), e.g. 75.")
    public Integer marginal;
  }

  /** One of the canary config's scopes, for the control and the experiment. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Scope {
    @Required
    @JsonPropertyDescription("The scope's name in the canary config, e.g. default.")
    public String name;

    @Required
    public ScopeDetail controlScope;

    @Required
    public ScopeDetail experimentScope;
  }

  /** Where and when a scope's metrics are read, as Kayenta's CanaryScope. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ScopeDetail {
    @JsonPropertyDescription("The metrics' scope, e.g. app=checkout,version=stable.")
    public String scope;

    public String region;

    @JsonPropertyDescription("The step between points, in seconds.")
    public Integer step;

    @JsonPropertyDescription("The start of the window, e.g. 2026-01-01T10:00:00Z.")
    public String start;

    @JsonPropertyDescription("The end of the window.")
    public String end;
  }
}
