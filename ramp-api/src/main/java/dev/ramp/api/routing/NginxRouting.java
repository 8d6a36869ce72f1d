package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class NginxRouting {
  @Required
  @JsonPropertyDescription("The Ingress that sends traffic to the stable Service.")
  public String stableIngress;

  @JsonPropertyDescription("Prefix of the canary annotations (default"
      + " nginx.ingress.kubernetes.io).")
  public String annotationPrefix;
}
