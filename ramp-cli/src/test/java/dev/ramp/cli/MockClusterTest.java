package dev.ramp.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Command tests that share one mock cluster per test class. */
public abstract class MockClusterTest {
  @TempDir protected static Path dir;
  protected static MockCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = MockCluster.start(dir);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }
}
