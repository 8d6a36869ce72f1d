package dev.ramp.controller.config;

import java.time.Duration;

/**
 * Leader election on the Lease {@value #LEASE_NAME}: who this instance is, where the Lease is,
 * and its timing. A follower may take the Lease once it has not been renewed for
 * {@code leaseDuration}; the leader gives up when it could not renew it for
 * {@code renewDeadline}.
 */
public record LeaderElection(String namespace, String identity, Duration leaseDuration,
    Duration renewDeadline, Duration retryPeriod) {
  public static final String LEASE_NAME = "ramp-controller";

  /** Kubernetes' own controllers' timing. */
  public static LeaderElection of(String namespace, String identity) {
    return new LeaderElection(namespace, identity, Duration.ofSeconds(15), Duration.ofSeconds(10),
        Duration.ofSeconds(2));
  }

  public LeaderElection {
    if (leaseDuration.compareTo(renewDeadline) <= 0) {
      throw new IllegalArgumentException("the lease duration must be longer than the renew deadline");
    }
  }

  /**
   * How long in-flight reconciles may take to finish once leadership is lost: until another
   * instance could have taken the Lease.
   */
  public Duration stopGrace() {
    return leaseDuration.minus(renewDeadline);
  }
}
