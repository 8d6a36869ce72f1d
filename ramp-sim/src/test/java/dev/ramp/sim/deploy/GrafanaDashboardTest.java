package dev.ramp.sim.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code deploy/grafana/ramp-dashboard.json}: importable, and built on metrics that exist. */
class GrafanaDashboardTest {
  private static final String DATASOURCE = "${DS_PROMETHEUS}";
  /** The controller's metrics and the sandbox's request counter, with their kinds. */
  private static final Map<String, Boolean> HISTOGRAM_BY_METRIC = Map.ofEntries(
      Map.entry("ramp_reconcile_seconds", true),
      Map.entry("ramp_reconcile_errors_total", false),
      Map.entry("ramp_rollouts", false),
      Map.entry("ramp_rollout_step_transitions_total", false),
      Map.entry("ramp_analysis_runs_total", false),
      Map.entry("ramp_time_to_promotion_seconds", true),
      Map.entry("ramp_time_to_abort_seconds", true),
      Map.entry("ramp_kube_requests_total", false),
      Map.entry("ramp_judge_evalue", false),
      Map.entry("ramp_judge_ratio", false),
      Map.entry("http_requests_total", false));

  private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset",
      "by", "without", "on", "ignoring", "group_left", "group_right");
  private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.*),\\s*\\w+\\)$");

  static JsonNode dashboard;

  @BeforeAll
  static void read() throws IOException {
    dashboard = new ObjectMapper().readTree(
        InstallManifests.DEPLOY.resolve("grafana/ramp-dashboard.json").toFile());
  }

  @Test
  void importsIntoGrafanaWithAPrometheusToChooseAndNamespaceAndRolloutFilters() {
    assertThat(dashboard.path("title").asText()).isNotEmpty();
    assertThat(dashboard.path("uid").asText()).matches("[a-zA-Z0-9_-]{1,40}");
    assertThat(dashboard.path("schemaVersion").isInt()).isTrue();

    JsonNode variables = dashboard.at("/templating/list");
    JsonNode datasource = variable(variables, "DS_PROMETHEUS");
    assertThat(datasource.path("type").asText()).isEqualTo("datasource");
    assertThat(datasource.path("query").asText()).isEqualTo("prometheus");
    for (String name : List.of("namespace", "rollout")) {
      JsonNode variable = variable(variables, name);
      assertThat(variable.path("type").asText()).isEqualTo("query");
      assertThat(variable.at("/datasource/uid").asText()).isEqualTo(DATASOURCE);
    }

    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(ids.add(panel.path("id").asInt())).as("panel id %s unique", panel.path("id"))
          .isTrue();
      assertThat(panel.path("gridPos").path("w").asInt()).isBetween(1, 24);
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      assertThat(panel.at("/datasource/uid").asText()).as(panel.path("title").asText())
          .isEqualTo(DATASOURCE);
      assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.at("/datasource/uid").asText()).isEqualTo(DATASOURCE);
        assertThat(target.path("refId").asText()).isNotEmpty();
        assertThat(target.path("expr").asText()).isNotBlank();
      }
    }
  }

  @Test
  void queriesOnlyTheMetricsRampAndTheSandboxExportAndShowsEachOfThem() {
    List<String> queries = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      panel.path("targets").forEach(target -> queries.add(target.path("expr").asText()));
    }
    for (JsonNode variable : dashboard.at("/templating/list")) {
      if (variable.path("type").asText().equals("query")) {
        Matcher labelValues = LABEL_VALUES.matcher(variable.path("query").asText());
        assertThat(labelValues.matches()).as(variable.path("query").asText()).isTrue();
        queries.add(labelValues.group(1));
      }
    }

    Set<String> allowed = new TreeSet<>();
    HISTOGRAM_BY_METRIC.forEach((metric, histogram) -> {
      if (histogram) {
        List.of("_bucket", "_sum", "_count").forEach(suffix -> allowed.add(metric + suffix));
      } else {
        allowed.add(metric);
      }
    });
    Set<String> used = new TreeSet<>();
    for (String query : queries) {
      Set<String> names = metricNames(query);
      assertThat(names).as("metrics of %s", query).isNotEmpty().isSubsetOf(allowed);
      used.addAll(names);
    }
    for (String metric : HISTOGRAM_BY_METRIC.keySet()) {
      assertThat(used).as("a panel showing %s", metric).anyMatch(name -> name.startsWith(metric));
    }
  }

  @Test
  void findsTheMetricNamesOfAQuery() {
    assertThat(metricNames("histogram_quantile(0.9, sum by (controller, le) "
        + "(rate(ramp_reconcile_seconds_bucket{controller=~\"$c\"}[$__rate_interval])))"
        + " / on() group_left sum(ramp_rollouts offset 5m) and bool x"))
        .containsExactlyInAnyOrder("ramp_reconcile_seconds_bucket", "ramp_rollouts", "x");
  }

  /** The metric names a PromQL expression selects. */
  static Set<String> metricNames(String promQl) {
    String bare = STRINGS.matcher(promQl).replaceAll("\"\"");
    bare = MATCHERS.matcher(bare).replaceAll(" ");
    bare = RANGES.matcher(bare).replaceAll(" ");
    bare = GROUPING.matcher(bare).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher name = NAME.matcher(bare);
    while (name.find()) {
      boolean function = bare.substring(name.end()).stripLeading().startsWith("(");
      boolean duration = name.start() > 0 && Character.isDigit(bare.charAt(name.start() - 1));
      if (!function && !duration && !KEYWORDS.contains(name.group())) {
        names.add(name.group());
      }
    }
    return names;
  }

  private static JsonNode variable(JsonNode variables, String name) {
    for (JsonNode variable : variables) {
      if (name.equals(variable.path("name").asText())) {
        return variable;
      }
    }
    throw new AssertionError("no variable " + name);
  }
}
