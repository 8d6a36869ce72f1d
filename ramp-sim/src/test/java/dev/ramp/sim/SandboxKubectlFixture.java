package dev.ramp.sim;

import dev.ramp.sim.traffic.RevisionTraffic;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sandbox per test class (pods ready after 200 ms, 300 simulated users a second, seed 7) and
 * the real kubectl pointed at it, as a person would use them.
 */
abstract class SandboxKubectlFixture {
  @TempDir static Path dir;
  static Sandbox sandbox;
  static Kubectl kubectl;

  @BeforeAll
  static void startSandbox() {
    Path kubeconfig = dir.resolve("sandbox.kubeconfig");
    sandbox = Sandbox.start(new Sandbox.Options(0, kubeconfig, Duration.ofMillis(200), 300, 7));
    kubectl = new Kubectl(kubeconfig, dir);
  }

  @AfterAll
  static void stopSandbox() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  /** {@code kubectl get KIND NAME -o jsonpath={JSONPATH}}. */
  static String get(String kind, String name, String jsonpath) {
    return kubectl.run("get", kind, name, "-o", "jsonpath={" + jsonpath + "}").ok();
  }

  /** Waits until {@link #get} gives {@code value}. */
  static void await(String kind, String name, String jsonpath, String value) {
    Awaitility.await().alias(kind + " " + name + " " + jsonpath + " = " + value)
        .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
        .until(() -> value.equals(get(kind, name, jsonpath)));
  }

  /** Waits until the revisions have served {@code count} more requests between them. */
  static void awaitRequests(long count, RevisionTraffic... revisions) {
    long before = served(revisions);
    Awaitility.await().alias(count + " more requests").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> served(revisions) - before >= count);
  }

  static long served(RevisionTraffic... revisions) {
    long requests = 0;
    for (RevisionTraffic revision : revisions) {
      requests += revision.requests();
    }
    return requests;
  }
}
