package dev.ramp.cli.cluster;

import dev.ramp.api.RampLabels;
import dev.ramp.api.Rollout;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.cli.CliException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The Rollouts of one namespace, the objects they own, and the requests a user makes of them. */
public final class Rollouts {
  /** How often watching commands read the rollout again. */
  public static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

  private final KubernetesClient client;
  private final String namespace;

  Rollouts(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  public KubernetesClient client() {
    return client;
  }

  public Rollout get(String name) {
    Rollout rollout = resource(name).get();
    if (rollout == null) {
      throw notFound(name);
    }
    return rollout;
  }

  /** The Rollouts of this namespace, or of all namespaces. */
  public List<Rollout> list(boolean allNamespaces) {
    var rollouts = client.resources(Rollout.class);
    return (allNamespaces ? rollouts.inAnyNamespace() : rollouts.inNamespace(namespace))
        .list().getItems();
  }

  /** The ReplicaSets the rollout owns: one per revision. */
  public List<ReplicaSet> replicaSets(Rollout rollout) {
    return client.apps().replicaSets().inNamespace(namespace)
        .withLabel(RampLabels.POD_TEMPLATE_HASH).list().getItems().stream()
        .filter(rs -> ownedBy(rs, rollout.getMetadata().getUid()))
        .toList();
  }

  /** The pods of these ReplicaSets. */
  public List<Pod> pods(List<ReplicaSet> replicaSets) {
    Set<String> uids = replicaSets.stream().map(rs -> rs.getMetadata().getUid())
        .collect(Collectors.toSet());
    return client.pods().inNamespace(namespace).withLabel(RampLabels.POD_TEMPLATE_HASH).list()
        .getItems().stream()
        .filter(pod -> pod.getMetadata().getOwnerReferences().stream()
            .anyMatch(ref -> uids.contains(ref.getUid())))
        .toList();
  }

  /** The AnalysisRuns Ramp created for the rollout. */
  public List<AnalysisRun> analysisRuns(Rollout rollout) {
    return client.resources(AnalysisRun.class).inNamespace(namespace)
        .withLabel(RampLabels.ROLLOUT, rollout.getMetadata().getName()).list().getItems();
  }

  /**
   * Asks the controller for something by writing one field of the status subresource with a
   * JSON merge patch ({@code {"status":{field:value}}}; a null value removes the field).
   */
  public Rollout patchStatus(String name, String field, Object value) {
    return patch(name, mergePatch("status", field, value, null), true);
  }

  /**
   * As {@link #patchStatus}, refused by the API server when the rollout changed since it was
   * read: for requests that are only right for the state the user saw.
   */
  public Rollout patchStatusIfUnchanged(Rollout read, String field, Object value) {
    try {
      return patch(read.getMetadata().getName(),
          mergePatch("status", field, value, read.getMetadata().getResourceVersion()), true);
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        throw new CliException("rollout \"" + read.getMetadata().getName()
            + "\" changed while this command ran; nothing was done: look again and retry");
      }
      throw e;
    }
  }

  /** Changes one field of the spec with a JSON merge patch ({@code {"spec":{field:value}}}). */
  public Rollout patchSpec(String name, String field, Object value) {
    return patch(name, mergePatch("spec", field, value, null), false);
  }

  /** Applies a JSON patch (RFC 6902) to the rollout. */
  public Rollout jsonPatch(String name, List<Map<String, Object>> operations) {
    String body = client.getKubernetesSerialization().asJson(operations);
    return call(name, () -> resource(name).patch(PatchContext.of(PatchType.JSON), body));
  }

  private String mergePatch(String part, String field, Object value, String resourceVersion) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(field, value); // not Map.of, which refuses the null that removes a field
    Map<String, Object> patch = new LinkedHashMap<>();
    if (resourceVersion != null) {
      patch.put("metadata", Map.of("resourceVersion", resourceVersion));
    }
    patch.put(part, fields);
    return client.getKubernetesSerialization().asJson(patch);
  }

  private Rollout patch(String name, String body, boolean status) {
    PatchContext merge = PatchContext.of(PatchType.JSON_MERGE);
    return call(name, () -> status
        ? resource(name).subresource("status").patch(merge, body)
        : resource(name).patch(merge, body));
  }

  private Rollout call(String name, Supplier<Rollout> request) {
    try {
      return request.get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        throw notFound(name);
      }
      throw e;
    }
  }

  private Resource<Rollout> resource(String name) {
    return client.resources(Rollout.class).inNamespace(namespace).withName(name);
  }

  private CliException notFound(String name) {
    return new CliException("rollout \"" + name + "\" not found in namespace \"" + namespace
        + "\"");
  }

  private static boolean ownedBy(HasMetadata object, String uid) {
    return object.getMetadata().getOwnerReferences().stream()
        .anyMatch(ref -> uid.equals(ref.getUid()));
  }
}
