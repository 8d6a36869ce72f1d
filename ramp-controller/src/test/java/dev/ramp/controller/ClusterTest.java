package dev.ramp.controller;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** Tests that share one simulated cluster; each test uses rollouts of its own names. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ClusterTest {
  protected Cluster cluster;

  @BeforeAll
  void startCluster() {
    cluster = Cluster.start();
  }

  @AfterAll
  void stopCluster() {
    cluster.close();
  }
}
