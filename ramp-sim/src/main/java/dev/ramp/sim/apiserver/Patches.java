package dev.ramp.sim.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.util.function.UnaryOperator;

/** Applies a PATCH request's body to an object, by the patch type its content type names. */
final class Patches {
  static final String JSON_PATCH = "application/json-patch+json";
  static final String MERGE_PATCH = "application/merge-patch+json";
  static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
  private static final String APPLY_PATCH = "application/apply-patch+yaml";

  private Patches() {}

  /**
   * The patch of a request, checked for its type and read, ready to apply to the stored object.
   *
   * @param custom whether the object is a custom resource, which, as on a real API server,
   *     cannot take a strategic merge patch
   */
  static UnaryOperator<JsonNode> of(ApiRequest request, boolean custom) {
    String contentType = request.contentType();
    switch (contentType) {
      case JSON_PATCH:
        JsonNode operations = request.body();
        return target -> {
          try {
            return JsonPatch.apply(operations, target);
          } catch (JsonPatchException e) {
            throw ApiException.unprocessable("the JSON patch cannot be applied: "
                + e.getMessage());
          }
        };
      case MERGE_PATCH:
        JsonNode merge = request.body();
        return target -> JsonMergePatch.apply(target, merge);
      case STRATEGIC_MERGE_PATCH:
        if (custom) {
          throw ApiException.unsupportedMediaType(contentType + " is not supported for custom"
              + " resources; use --type=merge or --type=json");
        }
        JsonNode strategic = request.body();
        return target -> StrategicMergePatch.apply(target, strategic);
      case APPLY_PATCH:
        throw ApiException.unsupportedMediaType("server-side apply (" + contentType
            + ") is not supported by the sandbox; use kubectl apply without --server-side");
      default:
        throw ApiException.unsupportedMediaType("the body of the request was in an unknown"
            + " format: " + contentType + "; accepted media types include " + JSON_PATCH + ", "
            + MERGE_PATCH + " and " + STRATEGIC_MERGE_PATCH);
    }
  }
}
