package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The AWS Load Balancer Controller's Ingresses, as Argo Rollouts' {@code alb}: Ramp writes the
 * weights into the {@code actions.<rootService>} annotation of each.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.ingress), has(self.ingresses)].filter(x, x).size() == 1",
    message = "alb must set exactly one of ingress, ingresses")
public class AlbRouting {
  @JsonPropertyDescription("The Ingress whose rule sends traffic to the action named after"
      + " rootService (backend port name use-annotation).")
  public String ingress;

  @JsonPropertyDescription("Several such Ingresses: every one gets the weight.")
  public List<String> ingresses;

  @Required
  @Min(1)
  @Max(65535)
  @JsonPropertyDescription("The port of the stable and canary Services the load balancer"
      + " forwards to.")
  public Integer servicePort;

  @JsonPropertyDescription("The Service (and action) the Ingress rule names; stableService when"
      + " absent. Required with pingPong.")
  public String rootService;

  @JsonPropertyDescription("Prefix of the annotations (default alb.ingress.kubernetes.io), as"
      + " the AWS Load Balancer Controller's --annotations-prefix.")
  public String annotationPrefix;

  @JsonPropertyDescription("Target group stickiness of the weighted forward action.")
  public StickinessConfig stickinessConfig;

  /** The Ingresses named, in order. */
  public List<String> ingressNames() {
    List<String> names = new ArrayList<>();
    if (ingress != null) {
      names.add(ingress);
    }
    if (ingresses != null) {
      names.addAll(ingresses);
    }
    return names;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class StickinessConfig {
    @Required public Boolean enabled;

    @Min(1)
    @Max(604800)
    @JsonPropertyDescription("How long a client sticks to a target group (1 to 604800).")
    public Long durationSeconds;
  }
}
