package dev.ramp.sim.apiserver;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;

/** Ramp's CRD and manifests the tests apply. */
final class Manifests {
  private Manifests() {}

  static List<CustomResourceDefinition> rampCrds() {
    return List.of(new KubernetesSerialization().unmarshal(
        Manifests.class.getResourceAsStream("/META-INF/fabric8/rollouts.ramp.dev-v1.yml"),
        CustomResourceDefinition.class));
  }

  /** A valid Rollout with the given name. */
  static String rollout(String name) {
    return """
        apiVersion: ramp.dev/v1alpha1
        kind: Rollout
        metadata: {name: NAME, namespace: default}
        spec:
          replicas: 3
          selector: {matchLabels: {app: checkout}}
          template:
            metadata: {labels: {app: checkout}}
            spec: {containers: [{name: app, image: demo:v1}]}
          strategy: {canary: {steps: [{setWeight: 20}, {pause: {}}]}}
        """.replace("NAME", name);
  }

  /** A Deployment with two containers, the first with two environment variables. */
  static String deployment(String name) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: NAME}
        spec:
          replicas: 2
          selector: {matchLabels: {app: NAME}}
          template:
            metadata: {labels: {app: NAME}}
            spec:
              containers:
              - {name: app, image: web:v1, env: [{name: A, value: "1"}, {name: B, value: "2"}]}
              - {name: sidecar, image: proxy:v1}
        """.replace("NAME", name);
  }

  static String replicaSet(String name) {
    return """
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: NAME}
        spec:
          replicas: 1
          selector: {matchLabels: {app: NAME}}
          template:
            metadata: {labels: {app: NAME}}
            spec: {containers: [{name: app, image: web:v1}]}
        """.replace("NAME", name);
  }

  static String service(String name) {
    return """
        apiVersion: v1
        kind: Service
        metadata: {name: NAME}
        spec:
          selector: {app: NAME}
          ports: [{name: http, port: 80, targetPort: 8080}, {name: admin, port: 9000}]
        """.replace("NAME", name);
  }
}
