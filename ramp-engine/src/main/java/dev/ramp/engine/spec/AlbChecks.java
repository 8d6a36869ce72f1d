package dev.ramp.engine.spec;

import dev.ramp.api.routing.AlbRouting;
import java.util.List;

/** Checks of {@code trafficRouting.alb} that its schema cannot express or a client skipped. */
final class AlbChecks {
  private static final String AT = "spec.strategy.canary.trafficRouting.alb";

  private AlbChecks() {}

  static void check(AlbRouting alb, List<String> problems) {
    if ((alb.ingress == null) == (alb.ingresses == null || alb.ingresses.isEmpty())) {
      problems.add(AT + " must set exactly one of ingress, ingresses");
    }
    if (alb.servicePort == null) {
      problems.add(AT + ".servicePort is required: the port of the stable and canary Services"
          + " the load balancer forwards to");
    }
    if (alb.ingressNames().stream().distinct().count() < alb.ingressNames().size()) {
      problems.add(AT + ".ingresses names an Ingress twice");
    }
  }
}
