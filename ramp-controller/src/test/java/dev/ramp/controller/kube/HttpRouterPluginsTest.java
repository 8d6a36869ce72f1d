package dev.ramp.controller.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.ramp.cluster.routing.RouterPlugins.BearerToken;
import dev.ramp.cluster.routing.RouterProblem;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a person reads when a router plugin answers badly, or not at all. */
class HttpRouterPluginsTest {
  private static final ObjectNode REQUEST = new ObjectMapper().createObjectNode()
      .put("stableService", "web-stable");
  private static final BearerToken TOKEN =
      new BearerToken("t0ken", "Secret \"edge\" (key \"token\")");

  private final HttpServer server = start();
  private final AtomicReference<String> authorization = new AtomicReference<>();
  private final AtomicReference<String> body = new AtomicReference<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile int status = 200;
  private volatile String answer = "{\"canaryWeight\":0}";
  private volatile boolean hang;

  private HttpServer start() {
    try {
      HttpServer started = HttpServer.create(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      started.createContext("/plugin/v1/", exchange -> {
        authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
        body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (hang) {
          try {
            released.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      });
      started.setExecutor(Executors.newCachedThreadPool());
      started.start();
      return started;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void stop() {
    released.countDown();
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/plugin";
  }

  private ObjectNode send(BearerToken token) {
    return new HttpRouterPlugins().send(url(), "read", REQUEST, token);
  }

  @Test
  void postsTheRequestWithTheTokenAndReturnsTheAnswer() {
    assertThat(send(TOKEN).toString()).isEqualTo("{\"canaryWeight\":0}");
    assertThat(authorization.get()).isEqualTo("Bearer t0ken");
    assertThat(body.get()).isEqualTo("{\"stableService\":\"web-stable\"}");

    send(null);
    assertThat(authorization.get()).isNull();
  }

  @Test
  void aRefusalNamesTheSecretOrSaysToNameOne() {
    status = 403;
    answer = "{\"message\":\"token expired\"}";
    assertThatThrownBy(() -> send(TOKEN)).isInstanceOf(RouterProblem.class).hasMessage(
        "router plugin " + url() + "/v1/read refused the token from Secret \"edge\" (key"
            + " \"token\"): HTTP 403: token expired");

    status = 401;
    answer = "";
    assertThatThrownBy(() -> send(null)).hasMessage("router plugin " + url() + "/v1/read"
        + " refused a request without a token (name a Secret holding one in"
        + " trafficRouting.plugin.tokenSecretRef): HTTP 401");
  }

  @Test
  void aFailureCarriesThePluginsMessage() {
    status = 500;
    answer = "{\"message\":\"load balancer shop not found\"}";
    assertThatThrownBy(() -> send(TOKEN)).hasMessage("router plugin " + url()
        + "/v1/read failed: HTTP 500: load balancer shop not found");

    status = 502;
    answer = "Bad gateway\n  upstream gone";
    assertThatThrownBy(() -> send(TOKEN)).hasMessage("router plugin " + url()
        + "/v1/read failed: HTTP 502: Bad gateway upstream gone");
  }

  @Test
  void anAnswerThatIsNotAJsonObjectIsSaidToBeSo() {
    answer = "[20]";
    assertThatThrownBy(() -> send(TOKEN)).hasMessage("router plugin " + url()
        + "/v1/read answered with something other than a JSON object: [20]");
    answer = "<html>ok</html>";
    assertThatThrownBy(() -> send(TOKEN)).hasMessageEndingWith(": <html>ok</html>");
  }

  @Test
  void aPluginThatDoesNotAnswerInTimeIsSaidToBeSo() {
    hang = true;
    assertThatThrownBy(() -> send(TOKEN)).isInstanceOf(RouterProblem.class).hasMessage(
        "router plugin " + url() + "/v1/read did not answer within 5 seconds");
  }

  @Test
  void aPluginThatIsNotListeningCannotBeReached() throws IOException {
    String url;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      url = "http://127.0.0.1:" + closed.getLocalPort() + "/plugin";
    }
    assertThatThrownBy(() -> new HttpRouterPlugins().send(url, "read", REQUEST, TOKEN))
        .isInstanceOf(RouterProblem.class)
        .hasMessageStartingWith("router plugin " + url + "/v1/read cannot be reached");
  }

  @Test
  void aUrlThatIsNotHttpIsRefused() {
    assertThatThrownBy(() -> new HttpRouterPlugins().send("ftp://example", "read", REQUEST,
        null)).hasMessage("trafficRouting.plugin.url \"ftp://example\" is not an http(s) URL");
  }
}
