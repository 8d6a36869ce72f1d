package dev.ramp.engine;

import static dev.ramp.engine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.CanaryStep;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.PingPong;
import dev.ramp.api.RolloutSpec;
import dev.ramp.api.routing.AlbRouting;
import dev.ramp.api.routing.HeaderMatch;
import dev.ramp.api.routing.NginxRouting;
import dev.ramp.api.routing.StringMatch;
import dev.ramp.api.routing.SetHeaderRoute;
import dev.ramp.api.routing.SetMirrorRoute;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.engine.spec.SpecValidator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an AWS ALB rollout's spec may ask for, with Argo Rollouts' pingPong among it. */
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

  /** Argo Rollouts' ping-pong pair in place of stableService and canaryService. */
  private static RolloutSpec pingPong(String ping, String pong) {
    RolloutSpec spec = alb(CanaryStep.weight(10));
    spec.strategy.canary.stableService = null;
    spec.strategy.canary.canaryService = null;
    spec.strategy.canary.trafficRouting.alb.rootService = "checkout-root";
    spec.strategy.canary.pingPong = new PingPong();
    spec.strategy.canary.pingPong.pingService = ping;
    spec.strategy.canary.pingPong.pongService = pong;
    return spec;
  }

  @Test
  void pingPongTakesTwoServicesAndTheRootServiceOfTheIngressRule() {
    assertThat(SpecValidator.check(pingPong("checkout-ping", "checkout-pong"))).isEmpty();
    assertThat(SpecValidator.services(pingPong("checkout-ping", "checkout-pong").strategy))
        .containsExactly("checkout-ping", "checkout-pong");

    RolloutSpec noRoot = pingPong("checkout-ping", "checkout-pong");
    noRoot.strategy.canary.trafficRouting.alb.rootService = null;
    assertThat(SpecValidator.check(noRoot)).containsExactly(AT + ".trafficRouting.alb.rootService"
        + " is required with pingPong: the Ingress rule names this action, as neither of the two"
        + " Services stays stable");
    assertThat(SpecValidator.check(pingPong("checkout-ping", null))).containsExactly(
        AT + ".pingPong must name both pingService and pongService");
    assertThat(SpecValidator.check(pingPong("checkout-ping", "checkout-ping"))).containsExactly(
        AT + ".pingPong: pingService and pongService must be different Services");
  }

  @Test
  void pingPongWithStableAndCanaryServicesTooIsRefused() {
    RolloutSpec spec = pingPong("checkout-ping", "checkout-pong");
    spec.strategy.canary.stableService = "checkout-stable";
    assertThat(SpecValidator.check(spec)).containsExactly(AT + ": set either pingPong or"
        + " stableService and canaryService, not both (with pingPong the two Services take turns"
        + " as the stable one)");
  }

  @Test
  void pingPongWithoutTheAlbRouterIsRefusedNamingTheRouter() {
    RolloutSpec nginx = pingPong("checkout-ping", "checkout-pong");
    nginx.strategy.canary.trafficRouting.alb = null;
    nginx.strategy.canary.trafficRouting.nginx = new NginxRouting();
    nginx.strategy.canary.trafficRouting.nginx.stableIngress = "checkout";
    assertThat(SpecValidator.check(nginx)).containsExactly(AT + ".pingPong works with the AWS"
        + " ALB router only (trafficRouting.alb): the canary's Service must get all the traffic"
        + " before it becomes the stable one; Ramp does not do that with NGINX Ingress");

    RolloutSpec unrouted = pingPong("checkout-ping", "checkout-pong");
    unrouted.strategy.canary.trafficRouting = null;
    assertThat(SpecValidator.check(unrouted)).containsExactly(AT + ".pingPong works with the AWS"
        + " ALB router only (trafficRouting.alb): the canary's Service must get all the traffic"
        + " before it becomes the stable one");
  }
}
