package dev.ramp.sim.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramp.sim.Kubectl;
import dev.ramp.sim.Program;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubectlDiscoveryTest extends SandboxApiServerTest {
  @Test
  void apiResourcesListsBuiltInAndCustomKindsWithTheirShortNames() {
    String out = kubectl.run("api-resources").ok();

    assertThat(out.lines().map(line -> String.join(" ", line.trim().split("\\s+"))))
        .contains(
            "namespaces ns v1 false Namespace",
            "pods po v1 true Pod",
            "services svc v1 true Service",
            "configmaps cm v1 true ConfigMap",
            "secrets v1 true Secret",
            "events ev v1 true Event",
            "deployments deploy apps/v1 true Deployment",
            "replicasets rs apps/v1 true ReplicaSet",
            "jobs batch/v1 true Job",
            "leases coordination.k8s.io/v1 true Lease",
            "ingresses ing networking.k8s.io/v1 true Ingress",
            "customresourcedefinitions crd,crds apiextensions.k8s.io/v1 false"
                + " CustomResourceDefinition",
            "rollouts ro ramp.dev/v1alpha1 true Rollout",
            "httproutes gateway.networking.k8s.io/v1 true HTTPRoute",
            "grpcroutes gateway.networking.k8s.io/v1 true GRPCRoute",
            "tcproutes gateway.networking.k8s.io/v1alpha2 true TCPRoute",
            "virtualservices networking.istio.io/v1 true VirtualService",
            "destinationrules networking.istio.io/v1 true DestinationRule",
            "trafficsplits split.smi-spec.io/v1alpha2 true TrafficSplit");
  }

  @Test
  void apiVersionsListsEveryVersionOfEveryGroup() {
    assertThat(kubectl.run("api-versions").ok().lines()).contains("v1", "apps/v1", "batch/v1",
        "ramp.dev/v1alpha1", "networking.istio.io/v1", "networking.istio.io/v1beta1",
        "gateway.networking.k8s.io/v1", "gateway.networking.k8s.io/v1alpha2",
        "split.smi-spec.io/v1alpha2");
  }

  @Test
  void discoveryIgnoresTheQueryStringAndPrefersGaVersions() throws Exception {
    JsonNode groups = Json.MAPPER.readTree(kubectl.run("get", "--raw", "/apis?timeout=32s").ok());

    JsonNode istio = Json.MAPPER.nullNode();
    for (JsonNode group : groups.path("groups")) {
      if (group.path("name").asText().equals("networking.istio.io")) {
        istio = group;
      }
    }
    assertThat(istio.path("preferredVersion").path("version").asText()).isEqualTo("v1");
    assertThat(istio.path("versions").findValuesAsText("version"))
        .containsExactly("v1", "v1beta1", "v1alpha3");
  }

  @Test
  void groupVersionsListTheStatusAndScaleSubresources() throws Exception {
    assertThat(resourceNames("/apis/ramp.dev/v1alpha1?timeout=32s"))
        .containsExactly("rollouts", "rollouts/status", "rollouts/scale");
    assertThat(resourceNames("/apis/apps/v1"))
        .containsExactly("deployments", "deployments/status", "deployments/scale",
            "replicasets", "replicasets/status", "replicasets/scale");
    JsonNode scale = Json.MAPPER.readTree(kubectl.run("get", "--raw", "/apis/apps/v1").ok())
        .path("resources").get(2);
    assertThat(scale.path("group").asText() + "/" + scale.path("version").asText() + " "
        + scale.path("kind").asText()).isEqualTo("autoscaling/v1 Scale");
  }

  @Test
  void versionIsThatOfA132Server() {
    assertThat(kubectl.run("version").ok()).contains("Server Version: v1.32.0");
  }

  @Test
  void openApiListsEveryGroupVersionAndOffersServerSideFieldValidation() throws Exception {
    JsonNode index = Json.MAPPER.readTree(kubectl.run("get", "--raw", "/openapi/v3").ok());
    assertThat(index.path("paths").fieldNames()).toIterable().contains("api/v1", "apis/apps/v1",
        "apis/ramp.dev/v1alpha1", "apis/networking.istio.io/v1beta1");

    String url = index.path("paths").path("apis/ramp.dev/v1alpha1").path("serverRelativeURL")
        .asText();
    JsonNode patch = Json.MAPPER.readTree(kubectl.run("get", "--raw", url).ok()).path("paths")
        .path("/apis/ramp.dev/v1alpha1/namespaces/{namespace}/rollouts/{name}").path("patch");
    assertThat(patch.path("x-kubernetes-group-version-kind").path("kind").asText())
        .isEqualTo("Rollout");
    assertThat(patch.path("parameters").findValuesAsText("name")).contains("fieldValidation");
  }

  @Test
  void explainShowsTheCrdSchema() {
    assertThat(kubectl.run("explain", "rollout.spec.replicas").ok())
        .contains("Number of pods wanted when the rollout is complete");
  }

  @Test
  void unknownResourcesAreNotFound() {
    Program.Result result = kubectl.run("get", "--raw", "/apis/example.com/v1/widgets");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err()).contains("NotFound");
  }

  private static List<String> resourceNames(String path) throws Exception {
    List<String> names = new ArrayList<>();
    Json.MAPPER.readTree(kubectl.run("get", "--raw", path).ok()).path("resources")
        .forEach(resource -> names.add(resource.path("name").asText()));
    return names;
  }
}
