package dev.ramp.engine.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramp.api.RampLabels;
import dev.ramp.engine.ReplicaSetView;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Identity of a pod template: the pod-template-hash Ramp puts in names and labels, and template
 * equality. Both ignore Ramp's own hash label; equality also ignores the values the API server
 * fills in, so a template copied back from a ReplicaSet (undo), or the template of a ReplicaSet
 * to adopt, is recognised as the rollout's.
 */
public final class PodTemplates {
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .build();
  private static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private PodTemplates() {}

  /** A short, DNS-safe hash of the template, like Kubernetes' pod-template-hash. */
  public static String hash(PodTemplateSpec template) {
    int fnv = 0x811c9dc5;
    for (byte b : canonical(template).toString().getBytes(StandardCharsets.UTF_8)) {
      fnv ^= b & 0xff;
      fnv *= 0x01000193;
    }
    String digits = Integer.toUnsignedString(fnv);
    StringBuilder out = new StringBuilder(digits.length());
    for (char c : digits.toCharArray()) {
      out.append(SAFE_ALPHABET.charAt(c % SAFE_ALPHABET.length()));
    }
    return out.toString();
  }

  /**
   * The revision a template is among the ReplicaSets: its hash, unless a ReplicaSet of another
   * revision runs it. A template copied back from a ReplicaSet (undo) carries the API server's
   * defaults, and an adopted ReplicaSet was labelled by whoever made it: so the hash may differ
   * from the revision the template is; equality finds that revision.
   */
  public static String revision(PodTemplateSpec template, Collection<ReplicaSetView> replicaSets) {
    String computed = hash(template);
    if (replicaSets.stream().anyMatch(rs -> rs.hash().equals(computed))) {
      return computed;
    }
    return replicaSets.stream()
        .filter(rs -> rs.template() != null && same(rs.template(), template))
        .map(ReplicaSetView::hash)
        .findFirst()
        .orElse(computed);
  }

  /** True when the templates are the same apart from Ramp's hash label and defaulted values. */
  public static boolean same(PodTemplateSpec a, PodTemplateSpec b) {
    JsonNode first = canonical(a);
    JsonNode second = canonical(b);
    PodDefaults.remove(first);
    PodDefaults.remove(second);
    return first.equals(second);
  }

  private static JsonNode canonical(PodTemplateSpec template) {
    try {
      JsonNode node = CANONICAL.readTree(CANONICAL.writeValueAsString(template));
      JsonNode labels = node.path("metadata").path("labels");
      if (labels instanceof ObjectNode labelMap) {
        labelMap.remove(RampLabels.POD_TEMPLATE_HASH);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("pod template cannot be serialized", e);
    }
  }
}
