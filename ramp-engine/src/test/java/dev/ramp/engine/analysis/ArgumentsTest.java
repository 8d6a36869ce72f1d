package dev.ramp.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramp.api.analysis.Argument;
import dev.ramp.api.analysis.Header;
import dev.ramp.api.analysis.Metric;
import dev.ramp.api.analysis.MetricProvider;
import dev.ramp.api.analysis.PrometheusAuthentication;
import dev.ramp.api.analysis.PrometheusMetric;
import dev.ramp.api.analysis.PrometheusRangeQuery;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentsTest {
  private static final JsonNode ROLLOUT = tree("""
      {"metadata": {"name": "checkout", "labels": {"app": "shop"}},
       "status": {"updatedRevision": "85b7d1"}}""");

  private static JsonNode tree(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Argument fieldRef(String name, String path) {
    Argument arg = new Argument(name, null);
    arg.valueFrom = new Argument.ValueFrom();
    arg.valueFrom.fieldRef = new Argument.FieldRef();
    arg.valueFrom.fieldRef.fieldPath = path;
    return arg;
  }

  @Test
  void theRolloutsValuesOverrideTheTemplatesDefaultsAndFieldRefsAreRead() {
    Argument secret = new Argument("token", null);
    secret.valueFrom = new Argument.ValueFrom();
    secret.valueFrom.secretKeyRef = new SecretKeySelector("token", "prometheus", false);

    List<Argument> resolved = Arguments.resolve(
        List.of(new Argument("service", "default-svc"), new Argument("threshold", "0.05"),
            new Argument("revision", null), secret),
        List.of(new Argument("service", "checkout"), fieldRef("revision",
            "status.updatedRevision"), fieldRef("app", "metadata.labels['app']")),
        ROLLOUT);

    assertThat(resolved).extracting(a -> a.name + "=" + a.value).containsExactly(
        "service=checkout", "threshold=0.05", "revision=85b7d1", "token=null", "app=shop");
    assertThat(resolved.get(3).valueFrom.secretKeyRef.getName()).isEqualTo("prometheus");
  }

  @Test
  void anArgumentWithoutAValueOrAMissingFieldIsNamed() {
    assertThatThrownBy(() -> Arguments.resolve(List.of(new Argument("service", null)), null,
        ROLLOUT)).hasMessage("analysis argument service has no value");
    assertThatThrownBy(() -> Arguments.resolve(null, List.of(fieldRef("x",
        "metadata.labels['team']")), ROLLOUT))
        .hasMessage("fieldRef metadata.labels['team'] has no value in the Rollout");
  }

  @Test
  void placeholdersAreReplacedEverywhereInTheProvider() {
    Metric metric = new Metric();
    metric.name = "errors";
    metric.provider = new MetricProvider();
    metric.provider.prometheus = new PrometheusMetric();
    metric.provider.prometheus.address = "http://prometheus:9090";
    metric.provider.prometheus.query =
        "sum(rate(errors{service=\"{{args.service}}\",rev=\"{{ args.revision }}\"}[1m]))";
    metric.provider.prometheus.headers = List.of(new Header("Authorization",
        "Bearer {{args.token}}"));

    Metric replaced = Arguments.substitute(metric, Map.of("service", "checkout",
        "revision", "85b7d1", "token", "s3cr$t\\\\1"));

    assertThat(replaced.provider.prometheus.query)
        .isEqualTo("sum(rate(errors{service=\"checkout\",rev=\"85b7d1\"}[1m]))");
    assertThat(replaced.provider.prometheus.headers.get(0).value).isEqualTo("Bearer s3cr$t\\\\1");
    assertThat(metric.provider.prometheus.query).contains("{{args.service}}");
    assertThatThrownBy(() -> Arguments.substitute(metric, Map.of()))
        .hasMessage("{{args.service}} is used but there is no such argument");
  }

  @Test
  void aRangeQuerysTimesAndTheSigv4FieldsTakeArguments() {
    Metric metric = new Metric();
    metric.name = "latency";
    metric.provider = new MetricProvider();
    metric.provider.prometheus = new PrometheusMetric();
    metric.provider.prometheus.query = "up";
    metric.provider.prometheus.rangeQuery = new PrometheusRangeQuery();
    metric.provider.prometheus.rangeQuery.start = "now() - duration(\"{{args.window}}\")";
    metric.provider.prometheus.rangeQuery.end = "now()";
    metric.provider.prometheus.rangeQuery.step = "{{args.step}}";
    metric.provider.prometheus.authentication = new PrometheusAuthentication();
    metric.provider.prometheus.authentication.sigv4 = new PrometheusAuthentication.Sigv4();
    metric.provider.prometheus.authentication.sigv4.region = "{{args.region}}";
    metric.provider.prometheus.authentication.sigv4.roleArn =
        "arn:aws:iam::{{args.account}}:role/amp-reader";

    PrometheusMetric replaced = Arguments.substitute(metric, Map.of("window", "15m",
        "step", "30s", "region", "eu-west-1", "account", "123456789012")).provider.prometheus;

    assertThat(replaced.rangeQuery.start).isEqualTo("now() - duration(\"15m\")");
    assertThat(replaced.rangeQuery.step).isEqualTo("30s");
    assertThat(replaced.authentication.sigv4.region).isEqualTo("eu-west-1");
    assertThat(replaced.authentication.sigv4.roleArn)
        .isEqualTo("arn:aws:iam::123456789012:role/amp-reader");
  }
}
