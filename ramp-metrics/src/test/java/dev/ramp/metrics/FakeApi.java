package dev.ramp.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What the fake metrics APIs share: a server on loopback, the answers a test registered for
 * each query given in turn (the last from then on), the requests each query received, and
 * requests held unanswered until the fake is closed. Each fake extends it, serving its paths.
 *
 * @param <A> the fake's answers
 * @param <R> what the fake records of each request
 */
abstract class FakeApi<A extends FakeApi.Reply, R> implements AutoCloseable {
  /** An answer; status 0 means none: the server holds the request until closed. */
  interface Reply {
    int status();

    String contentType();

    String body();

    Map<String, String> headers();
  }

  private HttpServer server;
  private final Map<String, List<? extends Reply>> answers = new ConcurrentHashMap<>();
  private final Map<String, List<R>> asked = new ConcurrentHashMap<>();
  private final CountDownLatch released = new CountDownLatch(1);

  /** Starts the server with a handler for each path; each fake's constructor calls it once. */
  protected final void serve(Map<String, HttpHandler> handlers) {
    server = LoopbackHttp.serving(handlers);
  }

  /** The server's address, as a metric's address names it. */
  String address() {
    return LoopbackHttp.url(server);
  }

  /** Answers {@code query} with these in turn, the last from then on. */
  @SafeVarargs
  final void answer(String query, A... inTurn) {
    answers.put(query, List.of(inTurn));
  }

  /** The requests {@code query} received, in turn. */
  final List<R> asked(String query) {
    return asked.getOrDefault(query, List.of());
  }

  /**
   * Records {@code request} for {@code query}, then sends the query's answer for it in turn,
   * or {@code unregistered} when the test registered none.
   */
  protected final void reply(HttpExchange exchange, String query, R request, Reply unregistered)
      throws IOException {
    List<R> times = asked.computeIfAbsent(query, q -> new CopyOnWriteArrayList<>());
    times.add(request);
    List<? extends Reply> inTurn = answers.getOrDefault(query, List.of(unregistered));
    Reply answer = inTurn.get(Math.min(times.size(), inTurn.size()) - 1);
    if (answer.status() == 0) {
      try {
        released.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    answer.headers().forEach(exchange.getResponseHeaders()::set);
    LoopbackHttp.answer(exchange, answer.status(), answer.contentType(), answer.body());
  }

  /** A request's query string parameters, decoded, each with its values in order. */
  static Map<String, List<String>> parameters(String rawQuery) {
    Map<String, List<String>> parameters = new HashMap<>();
    for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
      String[] nameValue = pair.split("=", 2);
      parameters.computeIfAbsent(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
          name -> new ArrayList<>()).add(nameValue.length < 2 ? ""
              : URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
    }
    return parameters;
  }

  @Override
  public final void close() {
    released.countDown();
    server.stop(0);
  }
}
