package dev.ramp.cluster.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.engine.RouterView.NotInEffect;
import dev.ramp.engine.RouterView.NotInEffect.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether Contour serves an HTTPProxy as it is now, as Contour reports in its status: the
 * {@code Valid} condition for the proxy's current generation (Contour 1.13 and later; its
 * {@code errors} say what is wrong), or {@code currentStatus} ({@code valid}, {@code invalid},
 * {@code orphaned}) with its {@code description} where Contour writes no conditions. Contour
 * drops an invalid proxy's routes, so its weights steer nothing.
 */
final class ContourProxyStatus {
  private ContourProxyStatus() {}

  /** Why the proxy is not in effect, or null when Contour reports it valid. */
  static NotInEffect of(ObjectNode proxy) {
    String what = "HTTPProxy \"" + proxy.path("metadata").path("name").asText() + "\"";
    JsonNode status = proxy.path("status");
    JsonNode valid = StatusConditions.find(status, "Valid");
    String currentStatus = status.path("currentStatus").asText("");
    if (valid == null && currentStatus.isEmpty()) {
      return new NotInEffect(Reason.UNANSWERED, "waiting for Contour to take up " + what);
    }
    if (valid != null && !StatusConditions.current(valid, proxy)) {
      return new NotInEffect(Reason.CATCHING_UP, "waiting for Contour to take up generation "
          + StatusConditions.generation(proxy) + " of " + what);
    }
    boolean isValid = valid != null ? "True".equals(valid.path("status").asText())
        : "valid".equals(currentStatus);
    String state = currentStatus.isEmpty() ? "invalid" : currentStatus;
    return isValid ? null : new NotInEffect(Reason.REFUSED,
        what + " is " + state + " in Contour: " + errors(valid, status));
  }

  /** The errors Contour lists under the Valid condition, else its description of the proxy. */
  private static String errors(JsonNode valid, JsonNode status) {
    List<String> errors = new ArrayList<>();
    if (valid != null) {
      for (ObjectNode error : JsonFields.objects(valid, "errors")) {
        errors.add(StatusConditions.said(error));
      }
    }
    if (errors.isEmpty()) {
      String description = status.path("description").asText("");
      errors.add(description.isEmpty() && valid != null ? StatusConditions.said(valid)
          : description.isEmpty() ? "no reason given" : description);
    }
    return String.join("; ", errors);
  }
}
