package dev.ramp.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

/** Small HTTP servers on loopback, for the providers' tests and the judge tests' fakes. */
public final class LoopbackHttp {
  public static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private LoopbackHttp() {}

  /** A server on a free port; handlers run on their own threads, so a slow one blocks no other. */
  public static HttpServer server() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "test-http");
      thread.setDaemon(true);
      return thread;
    }));
    return server;
  }

  /** A server on a free port answering each path with its handler, started. */
  public static HttpServer serving(Map<String, HttpHandler> handlers) {
    try {
      HttpServer server = server();
      handlers.forEach(server::createContext);
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String url(HttpServer server) {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public static void answer(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** A port nothing listens on (free a moment ago). */
  public static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
