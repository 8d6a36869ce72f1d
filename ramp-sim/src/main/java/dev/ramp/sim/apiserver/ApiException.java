package dev.ramp.sim.apiserver;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import java.util.List;
import java.util.Map;

/** A request the API server refuses, with the {@code Status} it answers, as a real one would. */
final class ApiException extends RuntimeException {
  private static final Map<String, String> CAUSE_REASONS = Map.of(
      "Required value", "FieldValueRequired",
      "Unsupported value", "FieldValueNotSupported",
      "Too long", "FieldValueTooLong",
      "Too many", "FieldValueTooMany");

  private final transient Status status;

  private ApiException(Status status) {
    super(status.getMessage());
    this.status = status;
  }

  Status status() {
    return status;
  }

  static ApiException badRequest(String message) {
    return of(400, "BadRequest", message);
  }

  static ApiException notFound(String message) {
    return of(404, "NotFound", message);
  }

  static ApiException notFound(ResourceType type, String name) {
    return aboutObject(404, "NotFound", type.groupResource() + " \"" + name + "\" not found",
        type, name);
  }

  static ApiException methodNotAllowed(String message) {
    return of(405, "MethodNotAllowed", message);
  }

  static ApiException alreadyExists(ResourceType type, String name) {
    return aboutObject(409, "AlreadyExists",
        type.groupResource() + " \"" + name + "\" already exists", type, name);
  }

  static ApiException conflict(ResourceType type, String name) {
    return aboutObject(409, "Conflict", "Operation cannot be fulfilled on "
        + type.groupResource() + " \"" + name + "\": the object has been modified; please apply"
        + " your changes to the latest version and try again", type, name);
  }

  static ApiException unsupportedMediaType(String message) {
    return of(415, "UnsupportedMediaType", message);
  }

  static ApiException unprocessable(String message) {
    return of(422, "Invalid", message);
  }

  /**
   * 422 for problems like {@code spec.replicas: Invalid value: -1: should be greater than or
   * equal to 0}, one cause each, which kubectl prints after its "is invalid" line.
   */
  static ApiException invalid(String group, String kind, String name, List<String> problems) {
    String shown = problems.size() == 1 ? problems.get(0) : problems.toString();
    return new ApiException(failure(422, "Invalid",
        kind + "." + group + " \"" + name + "\" is invalid: " + shown)
        .withNewDetails().withName(name).withGroup(group).withKind(kind)
        .withCauses(problems.stream().map(ApiException::cause).toList()).endDetails()
        .build());
  }

  private static StatusCause cause(String problem) {
    int colon = problem.indexOf(": ");
    String message = problem.substring(colon + 2);
    String reason = CAUSE_REASONS.entrySet().stream()
        .filter(entry -> message.startsWith(entry.getKey())).map(Map.Entry::getValue)
        .findFirst().orElse("FieldValueInvalid");
    return new StatusCauseBuilder().withField(problem.substring(0, colon)).withMessage(message)
        .withReason(reason).build();
  }

  private static ApiException aboutObject(int code, String reason, String message,
      ResourceType type, String name) {
    return new ApiException(failure(code, reason, message)
        .withNewDetails().withName(name).withGroup(type.group()).withKind(type.plural())
        .endDetails()
        .build());
  }

  private static ApiException of(int code, String reason, String message) {
    return new ApiException(failure(code, reason, message).build());
  }

  private static StatusBuilder failure(int code, String reason, String message) {
    return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason)
        .withMessage(message);
  }
}
