package dev.ramp.controller.badinput;

import static dev.ramp.api.CanaryStep.pause;
import static dev.ramp.api.CanaryStep.weight;
import static dev.ramp.controller.badinput.BadManifest.Outcome.ABORTED_ON_RELEASE;
import static dev.ramp.controller.badinput.BadManifest.Outcome.INVALID_SPEC;
import static dev.ramp.controller.badinput.BadManifest.Outcome.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutCondition;
import dev.ramp.controller.Cluster;
import dev.ramp.controller.ClusterTest;
import dev.ramp.controller.Rollouts;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bad-input corpus applied to a running controller: what the CRD schema refuses is refused
 * with the API server's message; everything else is reported on its Rollout with a message that
 * says what is wrong, in a status and Events of bounded size, while a healthy Rollout next to
 * them is released from its first step to its last.
 */
class BadInputTest extends ClusterTest {
  /** Far below the 1 MiB values of the corpus, far above any useful message. */
  private static final int STATUS_CHARS = 8 * 1024;
  private static final int EVENT_MESSAGE_CHARS = 2 * 1024;

  private final List<BadManifest> corpus = BadManifest.corpus();
  private final Schemas schemas = new Schemas();
  private final KubernetesSerialization serialization = new KubernetesSerialization();

  @Test
  void theCorpusHasThirtyManifestsOrMoreEachSayingWhatIsWrong() {
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(30);
    assertThat(corpus).allSatisfy(manifest -> {
      assertThat(manifest.whatIsWrong()).as(manifest.name()).isNotBlank();
      assertThat(manifest.rampDocuments()).as(manifest.name()).isNotEmpty();
    });
    assertThat(corpus).filteredOn(m -> m.outcome() != REJECTED)
        .allSatisfy(manifest -> assertThat(manifest.rampDocuments())
            .as("%s has a Rollout of its own name", manifest.name())
            .anyMatch(d -> d.path("kind").asText().equals("Rollout")
                && d.path("metadata").path("name").asText().equals(manifest.name())));
  }

  @Test
  void whatTheSchemaRefusesIsRefusedWithTheApiServersMessage() {
    assertThat(BadManifest.expecting(corpus, REJECTED)).allSatisfy(manifest ->
        assertThat(schemaProblems(manifest)).as(manifest.name())
            .anyMatch(p -> p.contains(manifest.message())));
  }

  @Test
  void everythingElseGetsAnInvalidSpecThatSaysWhatIsWrongWhileAHealthyRolloutIsReleased() {
    List<BadManifest> invalid = BadManifest.expecting(corpus, INVALID_SPEC);
    cluster.create(Rollouts.canary("steady", 2, "demo:v1", weight(50), pause("1s"),
        weight(100)));
    String v1 = cluster.awaitPhase("steady", "Healthy").getStatus().stableRevision;

    applyAll(invalid);
    cluster.setImage("steady", "demo:v2");

    cluster.await("steady", "released v2 through every step", r -> "Healthy".equals(
        r.getStatus().phase) && !v1.equals(r.getStatus().stableRevision));
    assertThat(invalid).allSatisfy(this::reportedAsInvalid);
  }

  @Test
  void whatShowsOnlyOnAReleaseAbortsItWithAMessageThatSaysWhy() {
    List<BadManifest> onRelease = BadManifest.expecting(corpus, ABORTED_ON_RELEASE);
    assertThat(onRelease).isNotEmpty();
    applyAll(onRelease);
    for (BadManifest manifest : onRelease) {
      String name = manifest.name();
      cluster.awaitPhase(name, "Healthy");

      cluster.setImage(name, "demo:v2");

      Rollout aborted = cluster.await(name, "aborted", r -> "Aborted".equals(r.getStatus().phase));
      assertThat(aborted.getStatus().message).as(name).contains(manifest.message());
      cluster.eventually(() -> assertThat(cluster.events(name)).as(name + " events")
          .anyMatch(e -> e.getReason().equals("RolloutAborted")
              && e.getMessage().contains(manifest.message())));
      assertBounded(aborted);
    }
  }

  private void reportedAsInvalid(BadManifest manifest) {
    String name = manifest.name();
    Rollout rollout = cluster.await(name, "InvalidSpec", r -> r.getStatus().conditions.stream()
        .anyMatch(c -> c.type.equals(RolloutCondition.INVALID_SPEC)));
    assertThat(rollout.getStatus().phase).as(name).isEqualTo("Degraded");
    assertThat(rollout.getStatus().message).as(name).startsWith("Invalid spec: ")
        .contains(manifest.message());
    cluster.eventually(() -> assertThat(cluster.events(name)).as(name + " events")
        .filteredOn(e -> e.getReason().equals("InvalidSpec"))
        .singleElement()
        .satisfies(e -> {
          assertThat(e.getType()).isEqualTo("Warning");
          assertThat(e.getMessage()).contains(manifest.message());
        }));
    assertBounded(rollout);
    assertThat(cluster.replicaSets(name)).as(name + " changes nothing").isEmpty();
  }

  /** Nothing of a huge spec is copied whole into the status or an Event. */
  private void assertBounded(Rollout rollout) {
    String name = rollout.getMetadata().getName();
    assertThat(serialization.asJson(rollout.getStatus()).length()).as(name + " status size")
        .isLessThan(STATUS_CHARS);
    assertThat(cluster.events(name)).extracting(Event::getMessage)
        .allSatisfy(message -> assertThat(message.length()).as(name + " event size")
            .isLessThan(EVENT_MESSAGE_CHARS));
  }

  private List<String> schemaProblems(BadManifest manifest) {
    return manifest.rampDocuments().flatMap(d -> schemas.problems(d).stream()).toList();
  }

  /**
   * Creates the manifests' objects as {@code kubectl apply} would, after checking that the API
   * server would accept them; what the Rollouts name goes first, as it would be there before
   * them in a cluster.
   */
  private void applyAll(List<BadManifest> manifests) {
    assertThat(manifests).allSatisfy(manifest -> assertThat(schemaProblems(manifest))
        .as("%s passes the schema, so it reaches the controller", manifest.name()).isEmpty());
    manifests.stream().flatMap(m -> m.documents().stream())
        .sorted(Comparator.comparing(d -> d.path("kind").asText().equals("Rollout")))
        .forEach(this::apply);
  }

  private void apply(JsonNode document) {
    String apiVersion = document.path("apiVersion").asText();
    if (apiVersion.startsWith("ramp.dev/")) {
      // kept as written: a typed object would drop what does not fit its fields
      GenericKubernetesResource object =
          serialization.convertValue(document, GenericKubernetesResource.class);
      cluster.client.genericKubernetesResources(apiVersion, object.getKind())
          .inNamespace(Cluster.NS).resource(object).create();
    } else {
      HasMetadata object = serialization.unmarshal(document.toString());
      if (object instanceof Namespaced) {
        object.getMetadata().setNamespace(Cluster.NS);
      }
      cluster.client.resource(object).create();
    }
  }
}
