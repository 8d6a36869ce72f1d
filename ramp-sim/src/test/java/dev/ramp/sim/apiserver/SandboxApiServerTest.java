package dev.ramp.sim.apiserver;

import dev.ramp.sim.Kubectl;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Tests that share one sandbox API server with Ramp's CRDs, and kubectl pointed at it. */
abstract class SandboxApiServerTest {
  @TempDir
  static Path dir;
  static SandboxApiServer server;
  static Kubectl kubectl;

  @BeforeAll
  static void startServer() {
    server = SandboxApiServer.start(0, Manifests.rampCrds());
    kubectl = Kubectl.of(server, dir);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }
}
