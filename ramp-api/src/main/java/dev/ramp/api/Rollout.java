package dev.ramp.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.crd.generator.annotation.SchemaSwap;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/** A workload that Ramp moves from one revision to the next step by step. */
@Group(Rollout.GROUP)
@Version(Rollout.VERSION)
@Kind("Rollout")
@Plural("rollouts")
@Singular("rollout")
@ShortNames("ro")
@SchemaSwap(originalType = RolloutSpec.class, fieldName = "unreadable", targetType = void.class)
@SchemaSwap(originalType = RolloutStatus.class, fieldName = "unreadable", targetType = void.class)
public class Rollout extends CustomResource<RolloutSpec, RolloutStatus> implements Namespaced {
  public static final String GROUP = "ramp.dev";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  /**
   * A Rollout of one container named {@code app}, whose pods are labelled {@code app: <name>},
   * that releases a new image through these canary steps.
   */
  public static Rollout canary(String name, String namespace, int replicas, String image,
      List<CanaryStep> steps) {
    Rollout rollout = new Rollout();
    rollout.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    RolloutSpec spec = new RolloutSpec();
    spec.replicas = replicas;
    spec.selector = new LabelSelectorBuilder().addToMatchLabels("app", name).build();
    spec.template = new PodTemplateSpecBuilder()
        .withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec()
        .build();
    spec.strategy = new RolloutStrategy();
    spec.strategy.canary = new CanaryStrategy();
    spec.strategy.canary.steps = List.copyOf(steps);
    rollout.setSpec(spec);
    return rollout;
  }

  @Override
  protected RolloutStatus initStatus() {
    return new RolloutStatus();
  }

  @Override
  @JsonDeserialize(using = LenientReader.Spec.class)
  public void setSpec(RolloutSpec spec) {
    super.setSpec(spec);
  }

  @Override
  @JsonDeserialize(using = LenientReader.Status.class)
  public void setStatus(RolloutStatus status) {
    super.setStatus(status);
  }
}
