package dev.ramp.sim.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetList;
import io.fabric8.kubernetes.api.model.runtime.RawExtension;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The requests Ramp's controller and its informers send through the fabric8 client. */
class Fabric8ClientTest {
  private static final String HASH = "rollouts-pod-template-hash";
  private static final ResourceDefinitionContext ROLLOUTS = new ResourceDefinitionContext.Builder()
      .withGroup("ramp.dev").withVersion("v1alpha1").withKind("Rollout").withPlural("rollouts")
      .withNamespaced(true).build();

  @TempDir
  static Path dir;
  static SandboxApiServer server;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    server = SandboxApiServer.start(0, Manifests.rampCrds());
    client = server.client();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void mergePatchWithNullRemovesAnAnnotation() {
    client.apps().replicaSets().resource(replicaSet("annotated", Map.of())).create();
    Resource<ReplicaSet> replicaSet = client.apps().replicaSets().withName("annotated");
    replicaSet.patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"annotations\":{\"keep\":\"1\",\"drop\":\"2\"}}}");

    ReplicaSet patched = replicaSet.patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"annotations\":{\"drop\":null}}}");

    assertThat(patched.getMetadata().getAnnotations()).isEqualTo(Map.of("keep", "1"));
    assertThat(replicaSet.get().getMetadata().getAnnotations()).isEqualTo(Map.of("keep", "1"));
  }

  @Test
  void jsonPatchOfTheStatusStatingTheCurrentResourceVersionWritesIt() {
    GenericKubernetesResource rollout = createRollout("current");

    GenericKubernetesResource patched = rollouts().withName("current").subresource("status")
        .patch(PatchContext.of(PatchType.JSON), statusPatch(rollout, "Progressing"));

    assertThat(patched.get("status", "phase").toString()).isEqualTo("Progressing");
    assertThat(patched.getMetadata().getGeneration()).isEqualTo(1);
  }

  @Test
  void jsonPatchOfTheStatusStatingAnOldResourceVersionIsAConflict() {
    GenericKubernetesResource stale = createRollout("stale");
    rollouts().withName("stale").edit(rollout -> {
      rollout.getMetadata().setAnnotations(Map.of("changed", "meanwhile"));
      return rollout;
    });

    assertThatThrownBy(() -> rollouts().withName("stale").subresource("status")
        .patch(PatchContext.of(PatchType.JSON), statusPatch(stale, "Progressing")))
        .isInstanceOfSatisfying(KubernetesClientException.class,
            e -> assertThat(e.getCode()).isEqualTo(409));
    assertThat(rollouts().withName("stale").get().getAdditionalProperties())
        .doesNotContainKey("status");
  }

  @Test
  void updatingARolloutLeavesItsStatusAlone() {
    createRollout("kept");
    rollouts().withName("kept").subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"status\":{\"phase\":\"Healthy\"}}");

    GenericKubernetesResource updated = rollouts().withName("kept").edit(rollout -> {
      rollout.setAdditionalProperty("status", Map.of("phase", "Forged"));
      return rollout;
    });

    assertThat(updated.get("status", "phase").toString()).isEqualTo("Healthy");
  }

  @Test
  void existenceLabelSelectorListsOnlyObjectsWithTheLabel() {
    replicaSets("listed").resource(replicaSet("hashed", Map.of(HASH, "abc"))).create();
    replicaSets("listed").resource(replicaSet("plain", Map.of())).create();

    assertThat(replicaSets("listed").withLabel(HASH).list().getItems())
        .extracting(rs -> rs.getMetadata().getName()).containsExactly("hashed");
  }

  @Test
  void informerWithALabelSelectorSeesOnlyLabelledObjects() {
    List<String> seen = new CopyOnWriteArrayList<>();
    replicaSets("informed").resource(replicaSet("before", Map.of(HASH, "a"))).create();
    SharedIndexInformer<ReplicaSet> informer = replicaSets("informed").withLabel(HASH)
        .inform(new Recorder<>(seen));
    try {
      replicaSets("informed").resource(replicaSet("unlabelled", Map.of())).create();
      replicaSets("informed").resource(replicaSet("after", Map.of(HASH, "b"))).create();
      replicaSets("informed").withName("after").scale(3);

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(seen)
          .containsExactly("add before", "add after", "update after"));
      assertThat(informer.getStore().list()).extracting(rs -> rs.getMetadata().getName())
          .containsExactlyInAnyOrder("before", "after");
    } finally {
      informer.close();
    }
  }

  @Test
  void watchingOneObjectByNameSeesOnlyThatObject() {
    List<String> seen = new CopyOnWriteArrayList<>();
    client.apps().replicaSets().resource(replicaSet("watched", Map.of())).create();
    client.apps().replicaSets().resource(replicaSet("ignored", Map.of())).create();

    try (Watch watch = client.apps().replicaSets().withName("watched")
        .watch(new WatchRecorder<>(seen))) {
      client.apps().replicaSets().withName("ignored").scale(2);
      client.apps().replicaSets().withName("watched").scale(2);

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(seen)
          .containsExactly("ADDED watched", "MODIFIED watched"));
    }
  }

  @Test
  void deletingACollectionDeletesTheSelectedObjects() {
    replicaSets("swept").resource(replicaSet("labelled", Map.of(HASH, "a"))).create();
    replicaSets("swept").resource(replicaSet("kept", Map.of())).create();

    replicaSets("swept").withLabel(HASH).delete();

    assertThat(replicaSets("swept").list().getItems())
        .extracting(rs -> rs.getMetadata().getName()).containsExactly("kept");
  }

  @Test
  void fieldSelectorsSelectOnAnyFieldInListsAndWatches() {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (Watch watch = client.v1().events().withField("involvedObject.name", "web")
        .watch(new WatchRecorder<>(seen))) {
      client.v1().events().resource(event("about-web", "web")).create();
      client.v1().events().resource(event("about-db", "db")).create();

      assertThat(client.v1().events().withField("involvedObject.name", "web").list().getItems())
          .extracting(event -> event.getMetadata().getName()).containsExactly("about-web");
      await().atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(seen).containsExactly("ADDED about-web"));
    }
  }

  @Test
  void setBasedLabelSelectorsAreRefusedRatherThanIgnored() {
    assertThatThrownBy(() -> client.apps().replicaSets().withLabelIn("app", "a", "b").list())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(400);
          assertThat(e.getMessage()).contains("not set-based requirements (in, notin)");
        });
  }

  @Test
  void theKubeconfigServesAFabric8ClientAndCarriesTheExtensions() throws Exception {
    Path kubeconfig = dir.resolve("kubeconfig");
    server.writeKubeconfig(kubeconfig, Map.of("metricsPort", "9464"));

    Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
    NamedContext context = config.getCurrentContext();
    assertThat(context.getName()).isEqualTo("ramp-sandbox");
    assertThat(context.getContext().getNamespace()).isEqualTo("default");
    assertThat(context.getContext().getExtensions()).singleElement().satisfies(extension -> {
      assertThat(extension.getName()).isEqualTo("ramp-sandbox");
      assertThat(extension.getExtension()).isInstanceOfSatisfying(RawExtension.class,
          raw -> assertThat(raw.getValue()).isEqualTo(Map.of("metricsPort", "9464")));
    });
    try (KubernetesClient fromKubeconfig = new KubernetesClientBuilder().withConfig(config)
        .build()) {
      assertThat(fromKubeconfig.namespaces().list().getItems())
          .extracting(ns -> ns.getMetadata().getName()).containsExactly("default");
    }
  }

  private static NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> rollouts() {
    return client.genericKubernetesResources(ROLLOUTS).inNamespace("default");
  }

  /** Replica sets in a namespace of their own, apart from those of other tests. */
  private static NonNamespaceOperation<ReplicaSet, ReplicaSetList, RollableScalableResource<
      ReplicaSet>> replicaSets(String namespace) {
    return client.apps().replicaSets().inNamespace(namespace);
  }

  private static GenericKubernetesResource createRollout(String name) {
    return rollouts().resource(client.getKubernetesSerialization()
        .unmarshal(Manifests.rollout(name), GenericKubernetesResource.class)).create();
  }

  /** The patch Ramp's status writer sends: the resourceVersion it read, then the status. */
  private static String statusPatch(HasMetadata read, String phase) {
    return "[{\"op\":\"replace\",\"path\":\"/metadata/resourceVersion\",\"value\":\""
        + read.getMetadata().getResourceVersion() + "\"},"
        + "{\"op\":\"add\",\"path\":\"/status\",\"value\":{\"phase\":\"" + phase + "\"}}]";
  }

  private static ReplicaSet replicaSet(String name, Map<String, String> labels) {
    return new ReplicaSetBuilder()
        .withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .withNewSpec().withReplicas(1)
        .withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("demo:v1").endContainer()
        .endSpec().endTemplate()
        .endSpec()
        .build();
  }

  private static Event event(String name, String about) {
    return new EventBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewInvolvedObject().withKind("Rollout").withName(about).endInvolvedObject()
        .withReason("Tested").build();
  }

  /** Records "ADDED name", "MODIFIED name" and "DELETED name". */
  private record WatchRecorder<T extends HasMetadata>(List<String> seen) implements Watcher<T> {
    @Override
    public void eventReceived(Action action, T object) {
      seen.add(action + " " + object.getMetadata().getName());
    }

    @Override
    public void onClose(WatcherException cause) {}
  }

  /** Records "add name", "update name" and "delete name". */
  private record Recorder<T extends HasMetadata>(List<String> seen)
      implements ResourceEventHandler<T> {
    @Override
    public void onAdd(T object) {
      seen.add("add " + object.getMetadata().getName());
    }

    @Override
    public void onUpdate(T before, T after) {
      seen.add("update " + after.getMetadata().getName());
    }

    @Override
    public void onDelete(T object, boolean finalStateUnknown) {
      seen.add("delete " + object.getMetadata().getName());
    }
  }
}
