package dev.ramp.sim.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Sits between the mock's watch and the client. It drops the events a real watch would not
 * send: those for objects outside the field selector (the mock's own field selector handling
 * for watches reads the wrong name out of anything but {@code metadata.name=x}), and the
 * {@code ADDED} events the mock replays, on opening, for objects at or before the
 * resourceVersion the client watches from (a real watch sends only what changed since then).
 * It shows the object of the others as the client asked, e.g. as a Table for kubectl.
 */
final class WatchEvents extends WebSocketListener {
  private final WebSocketListener watch;
  private final Predicate<JsonNode> fields;
  private final long sinceResourceVersion;
  private final UnaryOperator<JsonNode> shown;

  /**
   * @param sinceResourceVersion the resourceVersion the client watches from; 0 or less when it
   *     wants every object first
   * @param shown what the client gets for an object
   */
  WatchEvents(WebSocketListener watch, Predicate<JsonNode> fields, long sinceResourceVersion,
      UnaryOperator<JsonNode> shown) {
    this.watch = watch;
    this.fields = fields;
    this.sinceResourceVersion = sinceResourceVersion;
    this.shown = shown;
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    watch.onOpen(new FilteringSocket(webSocket), response);
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    watch.onClosing(webSocket, code, reason);
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    watch.onClosed(webSocket, code, reason);
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable t, Response response) {
    watch.onFailure(webSocket, t, response);
  }

  private boolean wanted(JsonNode event) {
    JsonNode object = event.path("object");
    if (!fields.test(object)) {
      return false;
    }
    return !event.path("type").asText().equals("ADDED")
        || object.path("metadata").path("resourceVersion").asLong() > sinceResourceVersion;
  }

  private final class FilteringSocket implements WebSocket {
    private final WebSocket socket;

    FilteringSocket(WebSocket socket) {
      this.socket = socket;
    }

    @Override
    public RecordedRequest request() {
      return socket.request();
    }

    @Override
    public boolean send(String text) {
      ObjectNode event = Json.read(text);
      if (!wanted(event)) {
        return true;
      }
      event.set("object", shown.apply(event.get("object")));
      return socket.send(event.toString());
    }

    @Override
    public boolean send(byte[] bytes) {
      return socket.send(bytes);
    }

    @Override
    public boolean close(int code, String reason) {
      return socket.close(code, reason);
    }
  }
}
