package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.Rollout;
import dev.ramp.api.routing.PluginRouting;
import dev.ramp.api.routing.RouterCapabilities;
import dev.ramp.engine.Action;
import dev.ramp.engine.RouterView;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A router plugin (docs/router-plugins.md): Ramp reads what the plugin says is in effect and
 * sends it the state it wants, whole, so that a plugin can be stateless and idempotent. Nothing
 * is sent when a plan leaves the state as the plugin has it.
 */
final class PluginRouter implements TrafficRouter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RouterObjects objects;
  private final RouterPlugins plugins;
  private final PluginRouting plugin;

  PluginRouter(RouterObjects objects, RouterPlugins plugins, PluginRouting plugin) {
    this.objects = objects;
    this.plugins = plugins;
    this.plugin = plugin;
  }

  @Override
  public RouterView read(Rollout rollout) {
    PluginState state = PluginState.read(send(rollout, "read", request(rollout)), plugin.url);
    return new RouterView(state.canaryWeight(), null, null, state.routes());
  }

  /**
   * Makes the changes on the state the plugin has, refusing a route the plugin says it cannot
   * make, and sends the result in one apply when it differs.
   */
  @Override
  public void apply(Rollout rollout, List<Action.RouteChange> changes) {
    ObjectNode answer = send(rollout, "read", request(rollout));
    PluginState current = PluginState.read(answer, plugin.url);
    PluginState desired = current;
    for (Action.RouteChange change : changes) {
      refuseWhatItCannotDo(answer.path("capabilities"), change);
      desired = desired.with(change);
    }
    if (!desired.equals(current)) {
      ObjectNode request = request(rollout);
      request.set("desired", desired.toJson());
      send(rollout, "apply", request);
    }
  }

  /** A plugin says in its read answer whether it can make header and mirror routes. */
  private void refuseWhatItCannotDo(JsonNode capabilities, Action.RouteChange change) {
    if (change instanceof Action.SetHeaderRoute
        && !capabilities.path("headerRoutes").asBoolean(false)) {
      throw new RouterProblem("router plugin " + plugin.url + " cannot route by header"
          + " (setHeaderRoute): its read answer does not set capabilities.headerRoutes");
    }
    if (change instanceof Action.SetMirrorRoute
        && !capabilities.path("mirrorRoutes").asBoolean(false)) {
      throw new RouterProblem("router plugin " + plugin.url + " cannot mirror traffic"
          + " (setMirrorRoute): its read answer does not set capabilities.mirrorRoutes");
    }
    if (change instanceof Action.SetSessionAffinity) {
      throw new RouterProblem(RouterCapabilities.PLUGIN.sessionAffinityRefusal());
    }
  }

  /** What every request carries: the rollout, its Services and the plugin's config. */
  private ObjectNode request(Rollout rollout) {
    CanaryStrategy canary = rollout.getSpec().strategy.canary;
    ObjectNode request = JSON.createObjectNode();
    request.putObject("rollout").put("namespace", rollout.getMetadata().getNamespace())
        .put("name", rollout.getMetadata().getName());
    request.put("stableService", canary.stableService).put("canaryService", canary.canaryService);
    request.set("config", plugin.config == null ? JSON.createObjectNode()
        : JSON.valueToTree(plugin.config));
    return request;
  }

  private ObjectNode send(Rollout rollout, String operation, ObjectNode request) {
    return plugins.send(plugin.url, operation, request, token(rollout));
  }

  /** The token the spec names, read at each request so that a changed Secret counts at once. */
  private RouterPlugins.BearerToken token(Rollout rollout) {
    SecretKeySelector ref = plugin.tokenSecretRef;
    if (ref == null) {
      return null;
    }
    String key = ref.getKey() == null ? PluginRouting.DEFAULT_TOKEN_KEY : ref.getKey();
    String source = "Secret \"" + ref.getName() + "\" (key \"" + key + "\")";
    String named = "Secret \"" + ref.getName() + "\" (trafficRouting.plugin.tokenSecretRef)";
    ObjectNode secret = objects.find("v1", "Secret", rollout.getMetadata().getNamespace(),
        ref.getName());
    if (secret == null) {
      throw new RouterProblem(named + " does not exist in namespace "
          + rollout.getMetadata().getNamespace());
    }
    JsonNode data = secret.path("data").path(key);
    if (!data.isTextual()) {
      throw new RouterProblem(named + " has no key \"" + key + "\"");
    }
    String token;
    try {
      token = new String(Base64.getDecoder().decode(data.asText()), StandardCharsets.UTF_8)
          .trim();
    } catch (IllegalArgumentException e) {
      throw new RouterProblem(named + ": key \"" + key + "\" is not base64 data");
    }
    return new RouterPlugins.BearerToken(token, source);
  }
}
