package dev.ramp.controller;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.controller.config.ControllerConfig;
import dev.ramp.controller.config.LeaderElection;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two controllers with leader election on the same cluster, with a short lease: one reconciles,
 * the other takes over when it stops (a clean stop releases the Lease), and one that loses its
 * lease stops in order without ending the JVM (JOSDK's default would call System.exit, and take
 * this test run with it).
 */
class LeaderElectionTest extends ClusterTest {
  private static final Duration LEASE = Duration.ofSeconds(3);

  @BeforeAll
  void onlyTheseTestsControllers() {
    cluster.stopController();
    // The mock has no RBAC: JOSDK asks whether it may use Leases before it starts electing.
    cluster.server.expect().post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus()
            .withResourceRules(new ResourceRuleBuilder().withApiGroups("coordination.k8s.io")
                .withResources("leases").withVerbs("get", "create", "update").build())
            .endStatus().build())
        .always();
  }

  private ControllerInstance start(String leaseNamespace, String identity) {
    return ControllerInstance.start(cluster, ControllerConfig.defaults().withLeaderElection(
        new LeaderElection(leaseNamespace, identity, LEASE, Duration.ofSeconds(2),
            Duration.ofMillis(200))));
  }

  private Lease lease(String namespace) {
    return cluster.client.leases().inNamespace(namespace).withName(LeaderElection.LEASE_NAME)
        .get();
  }

  private void awaitLeader(String namespace, String identity) {
    Awaitility.await().alias(identity + " leads").atMost(Cluster.TIMEOUT)
        .until(() -> lease(namespace) != null
            && identity.equals(lease(namespace).getSpec().getHolderIdentity()));
  }

  @Test
  void onlyTheLeaderReconcilesAndTheFollowerFinishesItsRolloutWhenItStops() {
    try (ControllerInstance first = start("handover", "first")) {
      awaitLeader("handover", "first");
      try (ControllerInstance second = start("handover", "second")) {
        cluster.create(Rollouts.canary("handover", 2, "demo:v1", weight(50), pause("3s"),
            weight(100)));
        cluster.awaitPhase("handover", "Healthy");
        cluster.setImage("handover", "demo:v2");
        cluster.awaitStep("handover", 1, "Paused");

        assertThat(first.reconciles("rollouts")).isPositive();
        assertThat(second.reconciles("rollouts")).isZero();
        assertThat(second.get("/readyz").statusCode()).as("a follower is ready").isEqualTo(200);

        first.close();
        assertThat(lease("handover").getSpec().getHolderIdentity())
            .as("released on a clean stop, not held until it expires").isNotEqualTo("first");
        awaitLeader("handover", "second");
        cluster.await("handover", "v2 promoted", r -> "Healthy".equals(r.getStatus().phase)
            && r.getStatus().stableRevision.equals(r.getStatus().updatedRevision));
        assertThat(second.reconciles("rollouts")).isPositive();
      }
    }
  }

  @Test
  void aLeaderThatLosesItsLeaseStopsInOrderAndSaysSo() {
    try (ControllerInstance leader = start("stolen", "leader")) {
      awaitLeader("stolen", "leader");
      CompletableFuture<RampOperator.Stop> stop =
          CompletableFuture.supplyAsync(leader.operator::awaitStop);

      // another instance takes the lease, as after this one could not renew it in time; the
      // leader's renewals may come in between (409 Conflict), so until the write goes through
      Awaitility.await().alias("lease taken").atMost(Cluster.TIMEOUT).ignoreExceptions()
          .until(() -> cluster.client.leases().inNamespace("stolen")
              .withName(LeaderElection.LEASE_NAME).edit(lease -> {
                lease.getSpec().setHolderIdentity("usurper");
                lease.getSpec().setRenewTime(ZonedDateTime.now());
                lease.getSpec().setLeaseDurationSeconds(60);
                return lease;
              }) != null);

      Awaitility.await().alias("stopped").atMost(Cluster.TIMEOUT).until(stop::isDone);
      assertThat(stop.join()).isEqualTo(RampOperator.Stop.LEADERSHIP_LOST);
      assertThat(leader.get("/healthz").statusCode()).isEqualTo(503);
    }
  }
}
