package dev.ramp.notifications.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramp.notifications.Outgoing;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/** The request every HTTP service sends: a JSON body POSTed with the delivery id. */
final class JsonPost {
  static final ObjectMapper JSON = new ObjectMapper();

  /** A receiver (or a proxy before it) can drop a duplicate by this header. */
  static final String DELIVERY_ID = "Ramp-Delivery-Id";

  private JsonPost() {}

  /**
   * @param authorization the Authorization header's value, or null for none
   */
  static HttpRequest request(
      URI uri, JsonNode body, Outgoing outgoing, Duration timeout, String authorization) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Content-Type", "application/json; charset=utf-8")
        .header(DELIVERY_ID, outgoing.deliveryId())
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder.build();
  }

  /** The URI with {@code segment} appended to its path, as a base URL and an API path. */
  static URI resolve(URI base, String segment) {
    String path = base.getPath() == null ? "" : base.getPath();
    String joined = (path.endsWith("/") ? path.substring(0, path.length() - 1) : path)
        + "/" + segment;
    return base.resolve(joined);
  }
}
