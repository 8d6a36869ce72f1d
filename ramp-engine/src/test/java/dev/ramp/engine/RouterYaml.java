package dev.ramp.engine;

/**
 * Router objects as their users write them, without a namespace so that each lands in the one
 * it is created in. Here because ramp-engine's test-jar is the one both ramp-virtual's and
 * ramp-controller's tests see.
 */
public final class RouterYaml {
  private RouterYaml() {}

  /**
   * Ingress {@code name} whose rule sends {@code /} to the action {@code rootService}, as AWS
   * Load Balancer Controller users write one.
   */
  public static String albIngress(String name, String rootService) {
    return """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: %s
          annotations: {alb.ingress.kubernetes.io/scheme: internet-facing}
        spec:
          ingressClassName: alb
          rules:
            - http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend: {service: {name: %s, port: {name: use-annotation}}}
        """.formatted(name, rootService);
  }

  /** Gateway {@code name} taking routes only from namespaces labelled shared-gateway-access. */
  public static String sharedGateway(String name) {
    return """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: %s}
        spec:
          gatewayClassName: example
          listeners:
            - name: http
              protocol: HTTP
              port: 80
              allowedRoutes:
                namespaces:
                  from: Selector
                  selector: {matchLabels: {shared-gateway-access: "true"}}
        """.formatted(name);
  }
}
