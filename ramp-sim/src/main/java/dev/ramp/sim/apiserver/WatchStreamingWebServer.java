package dev.ramp.sim.apiserver;

import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.HttpUrl;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.fabric8.mockwebserver.vertx.HttpServerRequestHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.net.InetAddress;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The mock's HTTP server, extended to stream watches over plain HTTP. The mock only streams
 * watch events over a WebSocket, which the fabric8 client asks for, while kubectl (like every Go
 * client) sends a plain GET with {@code watch=true} and reads the events from the chunked
 * response. Everything else is served as the mock serves it, by its own request handler.
 *
 * <p>It replaces the base class's server (whose Vert.x instance stays unused: the base class
 * creates it in its constructor and has no way to hand it over; it holds only a daemon timer).
 */
final class WatchStreamingWebServer extends MockWebServer {
  private final Vertx vertx = Vertx.vertx();
  private volatile Dispatcher dispatcher;
  private HttpServer server;
  private InetAddress address;

  @Override
  public void setDispatcher(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public synchronized void start(InetAddress address, int port) {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    this.address = address;
    HttpServerRequestHandler mockHandler = new HttpServerRequestHandler(vertx) {
      @Override
      protected MockResponse onHttpRequest(RecordedRequest request) {
        return dispatcher.dispatch(request);
      }
    };
    HttpServerOptions options =
        new HttpServerOptions().setHost(address.getHostAddress()).setPort(port);
    server = vertx.createHttpServer(options).requestHandler(request -> {
      if (isPlainWatch(request)) {
        streamWatch(request);
      } else {
        mockHandler.handle(request);
      }
    });
    await(server.listen());
  }

  @Override
  public synchronized void shutdown() {
    if (server != null) {
      dispatcher.shutdown();
      await(server.close());
    }
    await(vertx.close());
  }

  @Override
  public int getPort() {
    return server.actualPort();
  }

  @Override
  public String getHostName() {
    return address.getHostAddress();
  }

  @Override
  public HttpUrl url(String path) {
    return HttpUrl.parse("http://" + getHostName() + ":" + getPort() + "/"
        + (path.startsWith("/") ? path.substring(1) : path));
  }

  private static boolean isPlainWatch(HttpServerRequest request) {
    String watch = request.getParam("watch");
    return ("true".equals(watch) || "1".equals(watch))
        && !"websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
  }

  private void streamWatch(HttpServerRequest request) {
    RecordedRequest recorded = new RecordedRequest(
        request.version().alpnName().toUpperCase(Locale.ROOT), HttpMethod.GET, request.uri(),
        Headers.builder().addAll(request.headers()).build(), new Buffer());
    MockResponse answer = dispatcher.dispatch(recorded);
    WebSocketListener watch = answer.getWebSocketListener();
    HttpServerResponse response = request.response();
    if (watch == null) {
      answer.getHeaders().toMultimap().forEach(response::putHeader);
      response.setStatusCode(answer.code())
          .end(io.vertx.core.buffer.Buffer.buffer(answer.getBody().getBytes()));
      return;
    }
    HttpWatchSocket socket = new HttpWatchSocket(recorded, response);
    response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/json");
    response.closeHandler(closed -> watch.onClosed(socket, 1000, "the client went away"));
    response.writeHead();
    watch.onOpen(socket, answer);
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException("the sandbox API server failed to start or stop", e);
    }
  }
}
