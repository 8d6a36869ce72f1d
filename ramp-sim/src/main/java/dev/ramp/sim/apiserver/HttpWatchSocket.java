package dev.ramp.sim.apiserver;

import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * What the mock's watch takes for a WebSocket, writing each event as a line of a chunked HTTP
 * response instead: the form of a watch that Go clients such as kubectl read.
 */
final class HttpWatchSocket implements WebSocket {
  private final RecordedRequest request;
  private final HttpServerResponse response;

  HttpWatchSocket(RecordedRequest request, HttpServerResponse response) {
    this.request = request;
    this.response = response;
  }

  @Override
  public RecordedRequest request() {
    return request;
  }

  @Override
  public synchronized boolean send(String text) {
    if (isOpen()) {
      response.write(text + "\n");
    }
    return isOpen();
  }

  @Override
  public synchronized boolean send(byte[] bytes) {
    if (isOpen()) {
      response.write(Buffer.buffer(bytes));
    }
    return isOpen();
  }

  @Override
  public synchronized boolean close(int code, String reason) {
    if (isOpen()) {
      response.end();
    }
    return true;
  }

  private boolean isOpen() {
    return !response.ended() && !response.closed();
  }
}
