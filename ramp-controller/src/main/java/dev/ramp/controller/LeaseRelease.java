package dev.ramp.controller;

import dev.ramp.controller.config.LeaderElection;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.ZonedDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives up the Lease when a leader stops cleanly (a rolling update of the controller, say), as
 * client-go's ReleaseOnCancel does: a follower takes it at its next try instead of waiting out
 * the lease duration. JOSDK stops its elector without releasing, hence this.
 */
final class LeaseRelease {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseRelease.class);

  private LeaseRelease() {}

  /** Releases the Lease if this instance still holds it; a failure only costs the wait. */
  static void release(KubernetesClient client, LeaderElection election, Clock clock) {
    try {
      Lease lease = client.leases().inNamespace(election.namespace())
          .withName(LeaderElection.LEASE_NAME).get();
      if (lease == null || !election.identity().equals(lease.getSpec().getHolderIdentity())) {
        return;
      }
      lease.getSpec().setHolderIdentity(null);
      lease.getSpec().setLeaseDurationSeconds(1);
      lease.getSpec().setRenewTime(ZonedDateTime.now(clock));
      // carries the resourceVersion read: refused if the Lease changed hands meanwhile
      client.leases().resource(lease).update();
      LOG.info("{} released the Lease", election.identity());
    } catch (KubernetesClientException e) {
      LOG.info("Could not release the Lease ({}): a follower takes it once it expires",
          e.getMessage());
    }
  }
}
