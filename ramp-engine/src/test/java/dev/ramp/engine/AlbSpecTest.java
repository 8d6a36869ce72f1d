package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.PingPong;
import dev.ramp.api.RolloutSpec;
import dev.ramp.api.routing.AlbRouting;
import dev.ramp.api.routing.HeaderMatch;
import dev.ramp.api.routing.StringMatch;
import dev.ramp.api.routing.SetHeaderRoute;
import dev.ramp.api.routing.SetMirrorRoute;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.engine.spec.SpecValidator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an AWS ALB rollout's spec may ask for, and Argo's pingPong, refused for now. */
class AlbSpecTest {
  private static final String AT = "spec.strategy.canary";

  private static RolloutSpec alb(CanaryStep... steps) {
    RolloutSpec spec = rollout("checkout", 3, "demo:v1", steps).getSpec();
    CanaryStrategy canary = spec.strategy.canary;
    canary.stableService = "checkout-stable";
    canary.canaryService = "checkout-canary";
    canary.trafficRouting = new TrafficRouting();
    canary.trafficRouting.alb = new AlbRouting();
    canary.trafficRouting.alb.ingress = "checkout";
    canary.trafficRouting.alb.servicePort = 80;
    return spec;
  }

  private static CanaryStep header(StringMatch value) {
    CanaryStep step = new CanaryStep();
    step.setHeaderRoute = new SetHeaderRoute();
    step.setHeaderRoute.name = "beta";
    HeaderMatch match = new HeaderMatch("x-beta", "1");
    match.headerValue = value;
    step.setHeaderRoute.match = List.of(match);
    return step;
  }

  private static StringMatch value(String exact, String prefix, String regex) {
    StringMatch value = new HeaderMatch("x", "x").headerValue;
    value.exact = exact;
    value.prefix = prefix;
    value.regex = regex;
    return value;
  }

  @Test
  void headersMatchExactlyOrByPrefixButNotByRegex() {
    assertThat(SpecValidator.check(alb(header(value("1", null, null)),
        header(value(null, "beta-", null))))).isEmpty();
    assertThat(SpecValidator.check(alb(header(value(null, null, "be.*"))))).containsExactly(
        AT + ".steps[0]: AWS ALB cannot match a header by regex (use exact or prefix)");
  }

  @Test
  void albCannotMirror() {
    CanaryStep mirror = new CanaryStep();
    mirror.setMirrorRoute = new SetMirrorRoute();
    mirror.setMirrorRoute.name = "shadow";
    mirror.setMirrorRoute.percentage = 10;
    assertThat(SpecValidator.check(alb(mirror))).containsExactly(
        AT + ".steps[0]: AWS ALB cannot mirror traffic (setMirrorRoute)");
  }

  @Test
  void albNamesItsIngressesOnceAndTheServicePort() {
    RolloutSpec both = alb(CanaryStep.weight(10));
    both.strategy.canary.trafficRouting.alb.ingresses = List.of("internal");
    assertThat(SpecValidator.check(both)).containsExactly(
        AT + ".trafficRouting.alb must set exactly one of ingress, ingresses");

    RolloutSpec twice = alb(CanaryStep.weight(10));
    twice.strategy.canary.trafficRouting.alb.ingress = null;
    twice.strategy.canary.trafficRouting.alb.ingresses = List.of("public", "public");
    assertThat(SpecValidator.check(twice)).containsExactly(
        AT + ".trafficRouting.alb.ingresses names an Ingress twice");

    RolloutSpec noPort = alb(CanaryStep.weight(10));
    noPort.strategy.canary.trafficRouting.alb.servicePort = null;
    assertThat(SpecValidator.check(noPort)).containsExactly(AT + ".trafficRouting.alb.servicePort"
        + " is required: the port of the stable and canary Services the load balancer forwards"
        + " to");
  }

  @Test
  void pingPongIsRefusedSayingWhatToWriteInstead() {
    RolloutSpec spec = alb(CanaryStep.weight(10));
    spec.strategy.canary.stableService = null;
    spec.strategy.canary.canaryService = null;
    spec.strategy.canary.pingPong = new PingPong();
    spec.strategy.canary.pingPong.pingService = "checkout-ping";
    spec.strategy.canary.pingPong.pongService = "checkout-pong";
    assertThat(SpecValidator.check(spec)).containsExactly(AT + ".pingPong is not supported yet:"
        + " name the two Services as stableService and canaryService instead (Ramp points them"
        + " at the stable and the canary revision)");
  }
}
