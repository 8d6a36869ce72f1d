package dev.ramp.cluster.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutSpec;
import dev.ramp.api.RolloutStrategy;
import dev.ramp.api.routing.HeaderMatch;
import dev.ramp.api.routing.RouteMatch;
import dev.ramp.api.routing.PluginRouting;
import dev.ramp.api.routing.TrafficRouting;
import dev.ramp.cluster.ObjectJson;
import dev.ramp.engine.Action;
import dev.ramp.engine.RouterView;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The plugin router speaks protocol v1 through the {@link RouterPlugins} port: here a plugin
 * that answers as the protocol says, keeping what it is sent (the HTTP adapter and a plugin in
 * Python are tested in the controller's PluginRoutingTest).
 */
class PluginRouterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String URL = "http://127.0.0.1:9/plugin";

  /** A plugin keeping one rollout's state, recording the operations it is sent. */
  private static final class RecordingPlugin implements RouterPlugins {
    final List<String> operations = new ArrayList<>();
    final List<ObjectNode> requests = new ArrayList<>();
    ObjectNode readAnswer = JSON.createObjectNode().put("canaryWeight", 0);

    RecordingPlugin capable() {
      readAnswer.putObject("capabilities").put("headerRoutes", true).put("mirrorRoutes", true);
      return this;
    }

    @Override
    public ObjectNode send(String url, String operation, ObjectNode request, BearerToken token) {
      assertThat(url).isEqualTo(URL);
      operations.add(operation);
      requests.add(request);
      if (operation.equals("apply")) {
        JsonNode capabilities = readAnswer.get("capabilities");
        readAnswer = request.get("desired").deepCopy();
        readAnswer.set("capabilities", capabilities);
      }
      return operation.equals("read") ? readAnswer.deepCopy() : JSON.createObjectNode();
    }
  }

  private static Rollout rollout() {
    Rollout rollout = new Rollout();
    rollout.setMetadata(new ObjectMetaBuilder().withName("web").withNamespace("shop").build());
    rollout.setSpec(new RolloutSpec());
    rollout.getSpec().strategy = new RolloutStrategy();
    CanaryStrategy canary = new CanaryStrategy();
    canary.stableService = "web-stable";
    canary.canaryService = "web-canary";
    canary.trafficRouting = new TrafficRouting();
    canary.trafficRouting.plugin = new PluginRouting();
    canary.trafficRouting.plugin.url = URL;
    canary.trafficRouting.plugin.config = Map.of("loadBalancer", "shop", "nested", Map.of("a", 1));
    rollout.getSpec().strategy.canary = canary;
    return rollout;
  }

  /** No Secret is named, so the router never reads the cluster. */
  private static TrafficRouter router(RouterPlugins plugins) {
    return TrafficRouters.of(null, plugins, rollout()).orElseThrow();
  }

  @Test
  void aPlanIsSentWholeInOneApplyAndNotAtAllWhenThePluginAlreadyHasIt() {
    RecordingPlugin plugin = new RecordingPlugin().capable();
    List<Action.RouteChange> plan = List.of(new Action.SetTrafficWeight(20, null, null),
        new Action.SetHeaderRoute("beta", List.of(new HeaderMatch("x-beta", "1"))),
        new Action.SetMirrorRoute("shadow", 5, null));

    router(plugin).apply(rollout(), plan);
    assertThat(plugin.operations).containsExactly("read", "apply");
    ObjectNode apply = plugin.requests.get(1);
    assertThat(apply.path("rollout").toString())
        .isEqualTo("{\"namespace\":\"shop\",\"name\":\"web\"}");
    assertThat(apply.path("stableService").asText()).isEqualTo("web-stable");
    assertThat(apply.path("canaryService").asText()).isEqualTo("web-canary");
    // the config's keys in any order: a JSON object has none
    assertThat(apply.path("config")).isEqualTo(ObjectJson.of(
        Map.of("loadBalancer", "shop", "nested", Map.of("a", 1))));
    assertThat(apply.path("desired").toString()).isEqualTo("{\"canaryWeight\":20,"
        + "\"headerRoutes\":[{\"name\":\"beta\",\"match\":[{\"headerName\":\"x-beta\","
        + "\"headerValue\":{\"exact\":\"1\"}}]}],"
        + "\"mirrorRoutes\":[{\"name\":\"shadow\",\"percentage\":5,\"match\":[]}]}");
    assertThat(router(plugin).read(rollout()))
        .isEqualTo(new RouterView(20, null, null, Set.of("beta", "shadow")));

    router(plugin).apply(rollout(), plan);
    assertThat(plugin.operations).containsExactly("read", "apply", "read", "read");
  }

  @Test
  void removingARouteSendsTheStateWithoutIt() {
    RecordingPlugin plugin = new RecordingPlugin().capable();
    router(plugin).apply(rollout(), List.of(new Action.SetTrafficWeight(30, null, null),
        new Action.SetHeaderRoute("beta", List.of(new HeaderMatch("x-beta", "1")))));

    router(plugin).apply(rollout(), List.of(new Action.SetTrafficWeight(0, null, null),
        new Action.RemoveRoute("beta")));

    assertThat(plugin.requests.get(plugin.requests.size() - 1).path("desired").toString())
        .isEqualTo("{\"canaryWeight\":0,\"headerRoutes\":[],\"mirrorRoutes\":[]}");
    assertThat(router(plugin).read(rollout()).routes()).isEmpty();
  }

  @Test
  void aRouteThePluginDoesNotDeclareIsRefusedAndNothingIsSent() {
    RecordingPlugin plugin = new RecordingPlugin();

    assertThatThrownBy(() -> router(plugin).apply(rollout(), List.of(
        new Action.SetTrafficWeight(10, null, null),
        new Action.SetMirrorRoute("shadow", 5, null))))
        .isInstanceOf(RouterProblem.class)
        .hasMessage("router plugin " + URL + " cannot mirror traffic (setMirrorRoute): its read"
            + " answer does not set capabilities.mirrorRoutes");
    assertThat(plugin.operations).containsExactly("read");
  }

  @Test
  void eachKindOfRouteChangeIsSentOrRefusedWithAProblemTheUserIsShown() {
    for (Action.RouteChange change : List.of(new Action.SetTrafficWeight(10, "a1", "b2"),
        new Action.SetHeaderRoute("beta", List.of(new HeaderMatch("x-beta", "1"))),
        new Action.SetMirrorRoute("shadow", 5,
            List.of(RouteMatch.ofHeaders(List.of(new HeaderMatch("x-m", "1"))))),
        new Action.RemoveRoute("beta"))) {
      for (RecordingPlugin plugin : List.of(new RecordingPlugin(),
          new RecordingPlugin().capable())) {
        Throwable thrown = catchThrowable(() -> router(plugin).apply(rollout(), List.of(change)));
        assertThat(thrown).as(change.toString()).satisfiesAnyOf(
            t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(RouterProblem.class));
      }
    }
  }

  @Test
  void aMalformedReadAnswerIsAProblemNamingTheField() {
    RecordingPlugin plugin = new RecordingPlugin();
    plugin.readAnswer = JSON.createObjectNode().put("weight", 20);
    assertThatThrownBy(() -> router(plugin).read(rollout())).isInstanceOf(RouterProblem.class)
        .hasMessage("router plugin " + URL + " gave a malformed read answer: canaryWeight must"
            + " be a whole number from 0 to 100, not null");

    plugin.readAnswer = JSON.createObjectNode().put("canaryWeight", 20).put("headerRoutes", "x");
    assertThatThrownBy(() -> router(plugin).read(rollout()))
        .hasMessageEndingWith("headerRoutes must be a list");

    plugin.readAnswer = JSON.createObjectNode().put("canaryWeight", 20);
    plugin.readAnswer.putArray("mirrorRoutes").addObject().put("name", "m");
    assertThatThrownBy(() -> router(plugin).read(rollout()))
        .hasMessageEndingWith("mirrorRoutes[m].percentage must be a whole number from 0 to 100,"
            + " not null");
  }

  @Test
  void withoutTheControllerAPluginCannotBeReached() {
    assertThatThrownBy(() -> TrafficRouters.of(null, rollout()).orElseThrow().read(rollout()))
        .isInstanceOf(RouterProblem.class)
        .hasMessage("router plugins need the controller: " + URL
            + " cannot be reached from here");
  }
}
