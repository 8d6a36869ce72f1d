package dev.ramp.workloadsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * The router controllers the simulator plays, by the kind of object whose status each writes:
 * a Gateway API implementation ({@link SimulatedGateways}), Contour ({@link SimulatedContour})
 * and the APISIX ingress controller ({@link SimulatedApisix}).
 */
public final class SimulatedRouters {
  /** Reads an object of the cluster, or null when there is none. */
  @FunctionalInterface
  public interface Lookup {
    JsonNode get(String apiVersion, String kind, String namespace, String name);
  }

  /** What a router controller writes in the status of an object it has looked at. */
  @FunctionalInterface
  interface Controller {
    /** The object's new status, or null when its status already says the same. */
    ObjectNode status(JsonNode object, Lookup cluster, Instant now);
  }

  /** A kind of router object, and the controller that writes its status. */
  public record Kind(String apiVersion, String kind, String crd, Controller controller) {
    /** The object's new status, or null when its status already says the same. */
    public ObjectNode status(JsonNode object, Lookup cluster, Instant now) {
      return controller.status(object, cluster, now);
    }
  }

  public static final List<Kind> KINDS = List.of(
      new Kind("gateway.networking.k8s.io/v1", "HTTPRoute",
          "httproutes.gateway.networking.k8s.io", SimulatedGateways::status),
      new Kind("gateway.networking.k8s.io/v1", "GRPCRoute",
          "grpcroutes.gateway.networking.k8s.io", SimulatedGateways::status),
      new Kind("gateway.networking.k8s.io/v1alpha2", "TCPRoute",
          "tcproutes.gateway.networking.k8s.io", SimulatedGateways::status),
      new Kind("projectcontour.io/v1", "HTTPProxy", "httpproxies.projectcontour.io",
          SimulatedContour::status),
      new Kind("apisix.apache.org/v2", "ApisixRoute", "apisixroutes.apisix.apache.org",
          SimulatedApisix::status));

  private SimulatedRouters() {}
}
