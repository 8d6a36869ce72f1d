package dev.ramp.sim.apiserver;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Minimal CRDs of the traffic routers Ramp can drive (Gateway API, Istio, SMI), so that their
 * objects can be stored and watched without the routers' own, much larger, CRDs. Their schemas
 * accept anything.
 */
final class TrafficRoutingCrds {
  static final List<CustomResourceDefinition> ALL = List.of(
      crd("gateway.networking.k8s.io", "HTTPRoute", "httproutes", "v1"),
      crd("networking.istio.io", "VirtualService", "virtualservices", "v1beta1", "v1"),
      crd("networking.istio.io", "DestinationRule", "destinationrules", "v1beta1", "v1"),
      crd("split.smi-spec.io", "TrafficSplit", "trafficsplits", "v1alpha2"));

  private TrafficRoutingCrds() {}

  private static CustomResourceDefinition crd(String group, String kind, String plural,
      String... versions) {
    List<CustomResourceDefinitionVersion> served = new ArrayList<>();
    for (int i = 0; i < versions.length; i++) {
      served.add(new CustomResourceDefinitionVersionBuilder()
          .withName(versions[i]).withServed(true).withStorage(i == 0)
          .withNewSchema().withNewOpenAPIV3Schema()
          .withType("object").withXKubernetesPreserveUnknownFields(true)
          .endOpenAPIV3Schema().endSchema()
          .withNewSubresources().withNewStatus().endStatus().endSubresources()
          .build());
    }
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName(plural + "." + group).endMetadata()
        .withNewSpec().withGroup(group).withScope("Namespaced")
        .withNewNames().withKind(kind).withPlural(plural).withSingular(kind.toLowerCase())
        .endNames()
        .withVersions(served)
        .endSpec()
        .build();
  }
}
