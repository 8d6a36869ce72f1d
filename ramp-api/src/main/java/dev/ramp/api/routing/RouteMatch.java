package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests matching a method, a path and headers (all that are given), as Argo Rollouts'
 * setMirrorRoute matches them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RouteMatch {
  @JsonPropertyDescription("The request's HTTP method, e.g. {exact: GET}.")
  public StringMatch method;

  @JsonPropertyDescription("The request's path, e.g. {prefix: /api}.")
  public StringMatch path;

  @JsonPropertyDescription("Header name to how its value matches; all must match.")
  public Map<String, StringMatch> headers;

  public RouteMatch() {}

  /** The requests a header route's matches (all of them) select. */
  public static RouteMatch ofHeaders(List<HeaderMatch> matches) {
    RouteMatch match = new RouteMatch();
    match.headers = new LinkedHashMap<>();
    for (HeaderMatch header : matches) {
      match.headers.put(header.headerName, header.headerValue);
    }
    return match;
  }

  /** The header matches, none when absent. */
  public Map<String, StringMatch> headersOrNone() {
    return headers == null ? Map.of() : headers;
  }
}
