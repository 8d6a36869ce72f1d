package dev.ramp.cluster.routing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import java.util.ArrayList;
import java.util.List;

/** A kind of object a traffic router edits, defined by another project's CRD. */
public record RouterKind(String group, String kind, String plural, List<String> versions) {
  public static final RouterKind HTTP_ROUTE = new RouterKind("gateway.networking.k8s.io",
      "HTTPRoute", "httproutes", List.of("v1"));
  public static final RouterKind GRPC_ROUTE = new RouterKind("gateway.networking.k8s.io",
      "GRPCRoute", "grpcroutes", List.of("v1"));
  public static final RouterKind TCP_ROUTE = new RouterKind("gateway.networking.k8s.io",
      "TCPRoute", "tcproutes", List.of("v1alpha2"));
  public static final RouterKind VIRTUAL_SERVICE = new RouterKind("networking.istio.io",
      "VirtualService", "virtualservices", List.of("v1beta1", "v1", "v1alpha3"));
  public static final RouterKind DESTINATION_RULE = new RouterKind("networking.istio.io",
      "DestinationRule", "destinationrules", List.of("v1beta1", "v1", "v1alpha3"));
  public static final RouterKind TRAFFIC_SPLIT = new RouterKind("split.smi-spec.io",
      "TrafficSplit", "trafficsplits", List.of("v1alpha2"));
  public static final RouterKind APISIX_ROUTE = new RouterKind("apisix.apache.org",
      "ApisixRoute", "apisixroutes", List.of("v2"));
  public static final RouterKind GLOO_ROUTE_TABLE = new RouterKind("gateway.solo.io",
      "RouteTable", "routetables", List.of("v1"));
  public static final RouterKind TRAEFIK_SERVICE = new RouterKind("traefik.io",
      "TraefikService", "traefikservices", List.of("v1alpha1"));
  public static final RouterKind HTTP_PROXY = new RouterKind("projectcontour.io",
      "HTTPProxy", "httpproxies", List.of("v1"));
  public static final RouterKind MAPPING = new RouterKind("getambassador.io",
      "Mapping", "mappings", List.of("v3alpha1"));
  public static final List<RouterKind> ALL = List.of(HTTP_ROUTE, GRPC_ROUTE, TCP_ROUTE,
      VIRTUAL_SERVICE, DESTINATION_RULE, TRAFFIC_SPLIT, APISIX_ROUTE, GLOO_ROUTE_TABLE,
      TRAEFIK_SERVICE, HTTP_PROXY, MAPPING);

  /** The API version Ramp reads and writes (the first listed). */
  public String apiVersion() {
    return group + "/" + versions.get(0);
  }

  /** The name of the CRD that defines the kind. */
  public String crdName() {
    return plural + "." + group;
  }

  /**
   * A minimal CRD for the kind, whose schema accepts anything: enough to store and watch its
   * objects where the real CRD is not installed (the sandbox, tests).
   */
  public CustomResourceDefinition minimalCrd() {
    List<CustomResourceDefinitionVersion> served = new ArrayList<>();
    for (int i = 0; i < versions.size(); i++) {
      served.add(new CustomResourceDefinitionVersionBuilder()
          .withName(versions.get(i)).withServed(true).withStorage(i == 0)
          .withNewSchema().withNewOpenAPIV3Schema()
          .withType("object").withXKubernetesPreserveUnknownFields(true)
          .endOpenAPIV3Schema().endSchema()
          .withNewSubresources().withNewStatus().endStatus().endSubresources()
          .build());
    }
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName(crdName()).endMetadata()
        .withNewSpec().withGroup(group).withScope("Namespaced")
        .withNewNames().withKind(kind).withPlural(plural).withSingular(kind.toLowerCase())
        .endNames()
        .withVersions(served)
        .endSpec()
        .build();
  }
}
