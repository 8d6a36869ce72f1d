package dev.ramp.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramp.api.Rollout;
import dev.ramp.api.notifications.Delivery;
import dev.ramp.controller.config.NotificationSettings;
import dev.ramp.notifications.Receiver;
import dev.ramp.notifications.Receiver.Answer;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Rollout subscribed to a Slack bot through the real operator: the later messages of a release
 * go in the thread of its first one, also after a controller restart, and a new revision starts
 * a new thread.
 */
class SlackThreadsTest extends ClusterTest {
  private static final String TOKEN = "xoxb-1234-secret";
  private static final int POSTS = 50;
  /** A receiver that answers as Slack's chat.postMessage, each post with its own ts. */
  private final Receiver slack = Receiver.start();

  @BeforeAll
  void subscribeToSlack() {
    for (int post = 0; post < POSTS; post++) {
      slack.answer(Answer.of(200,
          "{\"ok\": true, \"ts\": \"" + ts(post) + "\", \"channel\": \"C1\"}"));
    }
    RouterFixtures.create(cluster.client, """
        apiVersion: v1
        kind: Secret
        metadata: {name: ramp-notifications}
        stringData: {slack-token: %s}
        """.formatted(TOKEN));
    RouterFixtures.create(cluster.client, """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: ramp-notifications}
        data:
          service.slack: |
            token: $slack-token
            apiURL: %s
        """.formatted(slack.url("/api")));
    cluster.notifyWith(NotificationSettings.defaults().inNamespace(Cluster.NS));
  }

  @AfterAll
  void stopReceiver() {
    slack.close();
  }

  @Test
  void laterMessagesOfAReleaseAreThreadedUnderItsFirstAndANewRevisionStartsANewThread() {
    createSubscribed("checkout", "[{setWeight: 25}, {pause: {}}, {setWeight: 50}]",
        "on-rollout-updated", "on-rollout-step-completed", "on-rollout-completed");
    String first = cluster.awaitPhase("checkout", "Healthy").getStatus().updatedRevision;
    cluster.setImage("checkout", "example/checkout:v2");
    String second = cluster.awaitStep("checkout", 1, "Paused").getStatus().updatedRevision;
    allSent("checkout", "on-rollout-step-completed", second);

    cluster.restartController();
    cluster.patchStatus("checkout", "{\"status\": {\"pauseConditions\": null}}");
    cluster.awaitPhase("checkout", "Healthy");
    Rollout done = allSent("checkout", "on-rollout-completed", second);

    List<Receiver.Request> posts = slack.requests();
    assertThat(posts).allSatisfy(post -> {
      assertThat(post.method()).isEqualTo("POST");
      assertThat(post.path()).isEqualTo("/api/chat.postMessage");
      assertThat(post.header("Authorization")).isEqualTo("Bearer " + TOKEN);
      assertThat(post.json().path("channel").asText()).isEqualTo("#releases");
    });
    Map<String, Delivery> deliveries = done.getStatus().notifications.deliveries.stream()
        .collect(Collectors.toMap(d -> d.id, d -> d));
    List<Integer> firstRelease = postsOf(posts, deliveries, first);
    List<Integer> secondRelease = postsOf(posts, deliveries, second);
    assertThat(triggers(posts, deliveries, firstRelease)).containsExactly("on-rollout-updated");
    assertThreaded(posts, firstRelease);
    // the update and the first step before the restart; the later steps and the end after it
    // (how many later steps are told is not this test's matter)
    assertThat(triggers(posts, deliveries, secondRelease))
        .startsWith("on-rollout-updated", "on-rollout-step-completed")
        .endsWith("on-rollout-step-completed", "on-rollout-completed");
    assertThreaded(posts, secondRelease);
    assertThat(firstRelease.size() + secondRelease.size()).isEqualTo(deliveries.size());
  }

  @Test
  void messagesFiredTogetherStillShareOneThread() {
    createSubscribed("cart", "[{setWeight: 50}, {pause: {}}]",
        "on-rollout-updated", "on-scaling-replica-set");
    String first = cluster.awaitPhase("cart", "Healthy").getStatus().updatedRevision;
    Rollout done = allSent("cart", "on-rollout-updated", first);

    List<Receiver.Request> posts = slack.requests();
    Map<String, Delivery> deliveries = done.getStatus().notifications.deliveries.stream()
        .collect(Collectors.toMap(d -> d.id, d -> d));
    List<Integer> release = postsOf(posts, deliveries, first);
    assertThat(triggers(posts, deliveries, release)).startsWith("on-rollout-updated")
        .contains("on-scaling-replica-set");
    assertThreaded(posts, release);
  }

  /** Creates a Rollout as a user writes it, subscribed to Slack's #releases on the triggers. */
  private void createSubscribed(String name, String steps, String... triggers) {
    String subscriptions = Stream.of(triggers)
        .map(trigger -> "notifications.ramp.dev/subscribe." + trigger + ".slack: \"#releases\"")
        .collect(Collectors.joining(", "));
    RouterFixtures.create(cluster.client, """
        apiVersion: ramp.dev/v1alpha1
        kind: Rollout
        metadata:
          name: %1$s
          annotations: {%2$s}
        spec:
          selector: {matchLabels: {app: %1$s}}
          template:
            metadata: {labels: {app: %1$s}}
            spec: {containers: [{name: app, image: "example/%1$s:v1"}]}
          strategy: {canary: {steps: %3$s}}
        """.formatted(name, subscriptions, steps));
  }

  /** The first post starts a thread (its own ts), the later ones carry the first one's ts. */
  private static void assertThreaded(List<Receiver.Request> posts, List<Integer> release) {
    assertThat(threadOf(posts, release.get(0))).isNull();
    assertThat(release.subList(1, release.size())).allSatisfy(post ->
        assertThat(threadOf(posts, post)).isEqualTo(ts(release.get(0))));
  }

  /** Waits until the record holds a delivery of the trigger for the revision, and all are sent. */
  private Rollout allSent(String rollout, String trigger, String revision) {
    return cluster.await(rollout, "all sent, " + trigger + " of " + revision, r -> {
      List<Delivery> record = r.getStatus().notifications == null ? List.of()
          : r.getStatus().notifications.deliveries;
      return record.stream().anyMatch(d -> trigger.equals(d.trigger)
          && revision.equals(d.revision))
          && record.stream().allMatch(d -> Delivery.SENT.equals(d.state));
    });
  }

  private static List<String> triggers(List<Receiver.Request> posts,
      Map<String, Delivery> deliveries, List<Integer> release) {
    return release.stream()
        .map(post -> deliveries.get(posts.get(post).header("Ramp-Delivery-Id")).trigger)
        .toList();
  }

  /** The indexes of the posts of one revision's deliveries, in the order Slack got them. */
  private static List<Integer> postsOf(List<Receiver.Request> posts,
      Map<String, Delivery> deliveries, String revision) {
    return IntStream.range(0, posts.size())
        .filter(i -> {
          Delivery delivery = deliveries.get(posts.get(i).header("Ramp-Delivery-Id"));
          return delivery != null && revision.equals(delivery.revision);
        })
        .boxed().toList();
  }

  private static String threadOf(List<Receiver.Request> posts, int post) {
    var thread = posts.get(post).json().get("thread_ts");
    return thread == null ? null : thread.asText();
  }

  /** The ts Slack gives the post-th post. */
  private static String ts(int post) {
    return "1733612%03d.000100".formatted(post);
  }
}
