package dev.ramp.controller;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The router plugin written in Python (test resource {@code router-plugin/plugin.py}), run as a
 * process on a loopback port: it shows that the protocol needs none of Ramp's code.
 */
final class PythonRouterPlugin implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String token;
  private int port;
  private Process process;

  private PythonRouterPlugin(String token) {
    this.token = token;
    this.process = startOn(0);
  }

  /** Starts the plugin on a free port; skips the test when python3 is missing. */
  static PythonRouterPlugin start(String token) {
    assumeTrue(pythonInstalled(), "python3 is missing: the router plugin tests run a plugin"
        + " written in Python (.ci/run installs it)");
    return new PythonRouterPlugin(token);
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** What the plugin has in effect for the rollout: canaryWeight, headerRoutes, mirrorRoutes. */
  JsonNode inEffect(String rollout) {
    return state().path("inEffect").path(Cluster.NS + "/" + rollout);
  }

  /** The desired state of the last apply the plugin received for the rollout. */
  JsonNode lastApply(String rollout) {
    return state().path("lastApply").path(Cluster.NS + "/" + rollout);
  }

  /** From now on applies are received but take no effect, as with a slow router. */
  void freeze() {
    post("/test/freeze");
  }

  void unfreeze() {
    post("/test/unfreeze");
  }

  /** Stops the plugin, as when it crashes. */
  void stop() {
    process.destroy();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts it again on the same port, with nothing in effect. */
  void restart() {
    process = startOn(port);
  }

  @Override
  public void close() {
    stop();
  }

  private JsonNode state() {
    try {
      return JSON.readTree(HTTP.send(HttpRequest.newBuilder(new URI(url() + "/test/state"))
          .build(), HttpResponse.BodyHandlers.ofString()).body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException | URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private void post(String path) {
    try {
      HTTP.send(HttpRequest.newBuilder(new URI(url() + path))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException | URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts the plugin and waits for the port it prints once it listens (0: any free one). */
  private Process startOn(int wanted) {
    List<String> command = new ArrayList<>(List.of("python3", script().toString(),
        "--port", Integer.toString(wanted)));
    if (token != null) {
      command.addAll(List.of("--token", token));
    }
    try {
      Process started = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      String line = new BufferedReader(new InputStreamReader(started.getInputStream(),
          StandardCharsets.UTF_8)).readLine();
      if (line == null) {
        throw new IllegalStateException("the router plugin did not start: " + command);
      }
      port = Integer.parseInt(line.trim());
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path script() {
    try {
      return Path.of(PythonRouterPlugin.class.getResource("/router-plugin/plugin.py").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean pythonInstalled() {
    try {
      return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
