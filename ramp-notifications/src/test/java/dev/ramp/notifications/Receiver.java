package dev.ramp.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A real HTTP receiver on loopback that records every request and answers as told: a status
 * (with a body and headers), a hang, or a dropped connection. Told answers are given in order;
 * once they are used up, every request gets the standing answer (200 unless {@link #otherwise}
 * says another).
 */
public final class Receiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A request as received; header names in lower case. */
  public record Request(String method, String path, Map<String, String> headers, String body,
      Instant at) {
    public String header(String name) {
      return headers.get(name.toLowerCase());
    }

    /** The body as JSON; fails the test when it is not JSON. */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** How to answer one request. */
  public record Answer(int status, String body, Map<String, String> headers, boolean hangs,
      boolean drops) {
    /** The status with a body that names it, e.g. {@code answer 404}. */
    public static Answer status(int status) {
      return of(status, "answer " + status);
    }

    public static Answer status(int status, String header, String value) {
      return status(status).with(header, value);
    }

    /** The status with this body (none when empty). */
    public static Answer of(int status, String body) {
      return new Answer(status, body, Map.of(), false, false);
    }

    /** This answer with one more header. */
    public Answer with(String header, String value) {
      Map<String, String> more = new TreeMap<>(headers);
      more.put(header, value);
      return new Answer(status, body, more, hangs, drops);
    }

    /** Never answers (until the receiver closes). */
    public static Answer hang() {
      return new Answer(0, "", Map.of(), true, false);
    }

    /** Closes the connection without an answer. */
    public static Answer drop() {
      return new Answer(0, "", Map.of(), false, true);
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Deque<Answer> script = new ArrayDeque<>();
  private final List<Request> requests = new ArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private Answer standing = Answer.status(200);

  private Receiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  public static Receiver start() {
    return new Receiver();
  }

  /** The next requests get these answers, in order. */
  public synchronized Receiver answer(Answer... answers) {
    script.addAll(List.of(answers));
    return this;
  }

  /** Once the told answers are used up, every request gets this one. */
  public synchronized Receiver otherwise(Answer answer) {
    standing = answer;
    return this;
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** An address on this receiver, e.g. {@code url("/api")}. */
  public String url(String path) {
    return url() + path;
  }

  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The one request received; fails when there were none or more. */
  public synchronized Request only() {
    if (requests.size() != 1) {
      throw new AssertionError("expected one request, received " + requests.size());
    }
    return requests.get(0);
  }

  /** Waits until the requests received satisfy the condition; returns them. */
  public List<Request> await(String what, Duration within, Predicate<List<Request>> condition) {
    Awaitility.await(what).atMost(within).pollInterval(Duration.ofMillis(20))
        .until(() -> condition.test(requests()));
    return requests();
  }

  private void handle(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new TreeMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Answer answer;
    synchronized (this) {
      requests.add(new Request(exchange.getRequestMethod(),
          exchange.getRequestURI().getPath(), headers, body, Instant.now()));
      answer = script.isEmpty() ? standing : script.poll();
    }
    if (answer.hangs()) {
      try {
        closed.await(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (answer.hangs() || answer.drops()) {
      exchange.close();
      return;
    }
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    byte[] reply = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.status(), reply.length == 0 ? -1 : reply.length);
    exchange.getResponseBody().write(reply);
    exchange.close();
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
