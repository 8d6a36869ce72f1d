package dev.ramp.engine;

import dev.ramp.api.BlueGreenStrategy;
import dev.ramp.api.CanaryStep;
import dev.ramp.api.CanaryStrategy;
import dev.ramp.api.Rollout;
import dev.ramp.api.RolloutSpec;
import dev.ramp.api.RolloutStrategy;
import dev.ramp.api.analysis.AnalysisTemplateSpec;
import dev.ramp.api.analysis.Argument;
import dev.ramp.api.analysis.Metric;
import dev.ramp.api.analysis.MetricProvider;
import dev.ramp.api.analysis.RolloutAnalysis;
import dev.ramp.api.analysis.WebMetric;
import dev.ramp.api.routing.GatewayApiRouting;
import dev.ramp.api.routing.TrafficRouting;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import java.util.List;

/** Rollouts as a test writes them. */
public final class Fixtures {
  private Fixtures() {}

  public static Rollout rollout(String name, int replicas, String image, CanaryStep... steps) {
    Rollout rollout = new Rollout();
    rollout.setMetadata(new ObjectMetaBuilder()
        .withName(name).withNamespace("default").withGeneration(1L).build());
    RolloutSpec spec = new RolloutSpec();
    spec.replicas = replicas;
    spec.selector = new LabelSelectorBuilder().addToMatchLabels("app", name).build();
    spec.template = template(name, image);
    spec.strategy = new RolloutStrategy();
    spec.strategy.canary = new CanaryStrategy();
    spec.strategy.canary.steps = List.of(steps);
    rollout.setSpec(spec);
    return rollout;
  }

  /** A blue-green rollout with Services {@code <name>-active} and {@code <name>-preview}. */
  public static Rollout blueGreen(String name, int replicas, String image) {
    Rollout rollout = rollout(name, replicas, image);
    rollout.getSpec().strategy.canary = null;
    rollout.getSpec().strategy.blueGreen = new BlueGreenStrategy();
    rollout.getSpec().strategy.blueGreen.activeService = name + "-active";
    rollout.getSpec().strategy.blueGreen.previewService = name + "-preview";
    return rollout;
  }

  /** Traffic routing through the Gateway API router, on the HTTPRoute {@code checkout}. */
  public static TrafficRouting gatewayApi() {
    TrafficRouting routing = new TrafficRouting();
    routing.gatewayAPI = new GatewayApiRouting();
    routing.gatewayAPI.httpRoute = "checkout";
    return routing;
  }

  public static PodTemplateSpec template(String app, String image) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata().addToLabels("app", app).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec()
        .build();
  }

  public static RolloutAnalysis analysis(String template, Argument... args) {
    RolloutAnalysis analysis = new RolloutAnalysis();
    analysis.templates = List.of(new RolloutAnalysis.TemplateRef(template));
    analysis.args = List.of(args);
    return analysis;
  }

  public static AnalysisTemplateSpec analysisTemplate(String metricName, Argument... args) {
    Metric metric = new Metric();
    metric.name = metricName;
    metric.provider = new MetricProvider();
    metric.provider.web = new WebMetric();
    metric.provider.web.url = "http://stats/{{args.revision}}";
    metric.successCondition = "result < 0.05";
    AnalysisTemplateSpec spec = new AnalysisTemplateSpec();
    spec.metrics = List.of(metric);
    spec.args = List.of(args);
    return spec;
  }

  public static Argument revisionRef() {
    Argument arg = new Argument("revision", null);
    arg.valueFrom = new Argument.ValueFrom();
    arg.valueFrom.fieldRef = new Argument.FieldRef();
    arg.valueFrom.fieldRef.fieldPath = "status.updatedRevision";
    return arg;
  }
}
