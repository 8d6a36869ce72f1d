package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.stableIngress) || has(self.stableIngresses)",
    message = "nginx must set stableIngress or stableIngresses")
public class NginxRouting {
  @JsonPropertyDescription("The Ingress that sends traffic to the stable Service.")
  public String stableIngress;

  @JsonPropertyDescription("Several Ingresses to the stable Service, each given a canary"
      + " Ingress of its own; when set, stableIngress is not used (as in Argo Rollouts).")
  public List<String> stableIngresses;

  @JsonPropertyDescription("Prefix of the canary annotations (default"
      + " nginx.ingress.kubernetes.io).")
  public String annotationPrefix;

  @JsonPropertyDescription("Annotations put on the canary Ingresses, each key under"
      + " annotationPrefix unless it starts with it (e.g. canary-by-cookie: beta).")
  public Map<String, String> additionalIngressAnnotations;

  /** The stable Ingresses, each with a canary Ingress: stableIngresses, else stableIngress. */
  @JsonIgnore
  public List<String> ingresses() {
    if (stableIngresses != null && !stableIngresses.isEmpty()) {
      return stableIngresses;
    }
    return stableIngress == null ? List.of() : List.of(stableIngress);
  }
}
