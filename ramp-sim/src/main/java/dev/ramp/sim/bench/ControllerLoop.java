package dev.ramp.sim.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramp.engine.Plan;
import dev.ramp.virtual.VirtualAnalysis;
import dev.ramp.virtual.VirtualCluster;
import java.time.Instant;
import java.util.Arrays;

/**
 * Ramp's controller on a virtual cluster at one instant of its clock: the kubelet, the
 * AnalysisRun reconciler and the Rollout reconciler, each run again while the others change
 * something it watches, as informers trigger them in a cluster. The Rollout is decided when its
 * requeue time has come, when pods became ready, when an analysis run changed phase, and after
 * each of its own changes (the controller sees its writes come back).
 */
final class ControllerLoop {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Far more than any change needs: a rollout still changing after this many never settles. */
  private static final int MAX_ROUNDS = 50;

  private final VirtualCluster cluster;
  private final VirtualAnalysis analysis;
  private Instant requeueAt = Instant.MIN;
  private boolean changed = true;

  ControllerLoop(VirtualCluster cluster, VirtualAnalysis analysis) {
    this.cluster = cluster;
    this.analysis = analysis;
  }

  /** A person changed the Rollout: the controller is told and looks at it again. */
  void edited() {
    changed = true;
  }

  /** Does everything the controller does at the cluster's current time. */
  void settle() {
    // A requeue that falls within this instant is served once; one asked for later waits.
    boolean due = requeueAt != null && !cluster.now.isBefore(requeueAt);
    for (int round = 0; round < MAX_ROUNDS; round++) {
      boolean podsChanged = cluster.settlePods();
      boolean runsChanged = analysis.reconcile(cluster);
      if (!(changed || due || podsChanged || runsChanged)) {
        return;
      }
      due = false;
      byte[] before = status();
      Plan plan = cluster.reconcile();
      requeueAt = plan.requeueAfter() == null ? null : cluster.now.plus(plan.requeueAfter());
      changed = !plan.actions().isEmpty() || !Arrays.equals(before, status());
    }
    throw new IllegalStateException("the rollout does not settle: " + cluster.status().message);
  }

  private byte[] status() {
    try {
      return JSON.writeValueAsBytes(cluster.status());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the rollout's status", e);
    }
  }
}
