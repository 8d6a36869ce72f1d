package dev.ramp.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.AnalysisRunSpec;
import dev.ramp.api.analysis.Argument;
import dev.ramp.api.analysis.Metric;
import dev.ramp.api.analysis.MetricProvider;
import dev.ramp.api.analysis.WebMetric;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A metric's count, limits and durations written as Argo Rollouts lets them be written: ints,
 * numeric strings, or strings holding {@code {{args.name}}}.
 */
class MetricSettingsTest {
  private static final int METRICS = 300;
  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  /** A metric as generated: the numbers meant, and the metric written in mixed forms. */
  private record Generated(MetricSettings meant, Metric written, List<Argument> args) {}

  /**
   * Writes each of the six fields as the generator picks: left out, an int, a numeric string,
   * or a placeholder (with spaces or without) of an argument holding the value.
   */
  private static Generated generate(Random random) {
    Metric metric = metric("m" + random.nextInt(1000));
    List<Argument> args = new ArrayList<>();
    args.add(new Argument("unused", "not a number, and never read"));
    Integer count = random.nextBoolean() ? null : random.nextInt(8);
    int failureLimit = random.nextInt(4);
    int inconclusiveLimit = random.nextInt(4);
    int errorLimit = random.nextInt(6);
    Integer intervalSeconds = random.nextBoolean() ? null : 1 + random.nextInt(120);
    int delaySeconds = random.nextInt(60);
    metric.count = count == null ? null : number("count", count, random, args);
    metric.failureLimit = leftOutWhen(failureLimit == 0, random,
        number("failureLimit", failureLimit, random, args));
    metric.inconclusiveLimit = leftOutWhen(inconclusiveLimit == 0, random,
        number("inconclusiveLimit", inconclusiveLimit, random, args));
    metric.consecutiveErrorLimit = leftOutWhen(errorLimit == 4, random,
        number("consecutiveErrorLimit", errorLimit, random, args));
    metric.interval = intervalSeconds == null ? null
        : duration("interval", intervalSeconds, random, args);
    metric.initialDelay = leftOutWhen(delaySeconds == 0, random,
        duration("initialDelay", delaySeconds, random, args));
    MetricSettings meant = new MetricSettings(
        count != null ? count : intervalSeconds == null ? Integer.valueOf(1) : null,
        failureLimit, inconclusiveLimit, errorLimit,
        intervalSeconds == null ? null : Duration.ofSeconds(intervalSeconds),
        Duration.ofSeconds(delaySeconds));
    return new Generated(meant, metric, args);
  }

  /** The default left out, half the time. */
  private static IntOrString leftOutWhen(boolean isDefault, Random random, IntOrString value) {
    return isDefault && random.nextBoolean() ? null : value;
  }

  private static IntOrString number(String field, int value, Random random,
      List<Argument> args) {
    return switch (random.nextInt(3)) {
      case 0 -> new IntOrString(value);
      case 1 -> new IntOrString(String.valueOf(value));
      default -> placeholder(field, String.valueOf(value), random, args);
    };
  }

  private static IntOrString duration(String field, int seconds, Random random,
      List<Argument> args) {
    String written = random.nextBoolean() ? seconds + "s"
        : seconds % 60 == 0 ? seconds / 60 + "m" : seconds / 60 + "m" + seconds % 60 + "s";
    return switch (random.nextInt(3)) {
      case 0 -> new IntOrString(seconds);
      case 1 -> new IntOrString(written);
      default -> placeholder(field, written, random, args);
    };
  }

  private static IntOrString placeholder(String field, String value, Random random,
      List<Argument> args) {
    String name = field.toLowerCase() + "-arg";
    args.add(new Argument(name, value));
    return new IntOrString(random.nextBoolean() ? "{{args." + name + "}}"
        : "{{ args." + name + " }}");
  }

  private static Metric metric(String name) {
    Metric metric = new Metric();
    metric.name = name;
    metric.provider = new MetricProvider();
    metric.provider.web = new WebMetric();
    metric.provider.web.url = "http://127.0.0.1/stats";
    metric.successCondition = "result < 0.05";
    metric.failureCondition = "result >= 0.1";
    return metric;
  }

  @Test
  void generatedMetricsReadAsMeantWhetherWrittenAsIntsNumericStringsOrArguments() {
    for (int seed = 0; seed < METRICS; seed++) {
      Generated generated = generate(new Random(seed));

      assertThat(MetricSettings.of(generated.written(), generated.args()))
          .as("seed %d: %s", seed, YAML.asJson(generated.written()))
          .isEqualTo(generated.meant());
      assertThat(MetricSettings.problems(generated.written(), generated.args()))
          .as("seed %d", seed).isEmpty();
    }
  }

  @Test
  void aRunMeasuresAMetricWrittenWithArgumentsExactlyAsTheSameMetricWrittenOut() {
    for (int seed = 0; seed < METRICS; seed++) {
      Generated generated = generate(new Random(seed));
      Metric writtenOut = metric(generated.written().name);
      MetricSettings meant = generated.meant();
      writtenOut.count = meant.count() == null ? null : new IntOrString(meant.count());
      writtenOut.failureLimit = new IntOrString(meant.failureLimit());
      writtenOut.inconclusiveLimit = new IntOrString(meant.inconclusiveLimit());
      writtenOut.consecutiveErrorLimit = new IntOrString(meant.consecutiveErrorLimit());
      writtenOut.interval = meant.interval() == null ? null
          : new IntOrString((int) meant.interval().getSeconds());
      writtenOut.initialDelay = new IntOrString((int) meant.initialDelay().getSeconds());

      String withArguments = new Drive(seed).run(run(generated.written(), generated.args()));
      String asWritten = new Drive(seed).run(run(writtenOut, List.of()));

      assertThat(withArguments).as("seed %d", seed).isEqualTo(asWritten)
          .contains("1 measured at");
    }
  }

  /**
   * Takes a run's measurements as they fall due, each a random value (the same for the same
   * seed), and tells what happened when: the phases, then the run's end.
   */
  private static final class Drive {
    private final Random answers;
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    Drive(int seed) {
      answers = new Random(seed);
    }

    String run(AnalysisRun run) {
      StringBuilder story = new StringBuilder();
      for (int round = 0; round < 60; round++) {
        List<Taken> taken = new ArrayList<>();
        for (AnalysisRunPlanner.Task task : AnalysisRunPlanner.tasks(run, now)) {
          double[] values = {0.01, 0.07, 0.2};
          taken.add(Taken.value(task.metric().name, values[answers.nextInt(values.length)]));
        }
        AnalysisRunPlanner.Update update = AnalysisRunPlanner.update(run, taken, now);
        run.setStatus(update.status());
        story.append(taken.size()).append(" measured at ").append(now).append(" -> ")
            .append(update.status().phase).append('\n');
        if (update.nextAt() == null) {
          return story.append(update.status().message).toString();
        }
        now = update.nextAt();
      }
      return story.toString();
    }
  }

  private static AnalysisRun run(Metric metric, List<Argument> args) {
    AnalysisRun run = new AnalysisRun();
    run.setMetadata(new ObjectMetaBuilder().withName("checkout-abc-1").build());
    run.setSpec(new AnalysisRunSpec());
    run.getSpec().metrics = List.of(metric);
    run.getSpec().args = args;
    return run;
  }

  @Test
  void anArgumentThatIsNotAWholeNumberErrorsTheRunBeforeAnyMeasurement() {
    Metric metric = metric("error-rate");
    metric.interval = new IntOrString("{{args.interval}}");
    metric.failureLimit = new IntOrString("{{args.limit}}");
    AnalysisRun run = run(metric, List.of(new Argument("limit", "two"),
        new Argument("interval", "30s")));
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    assertThat(AnalysisRunPlanner.tasks(run, now)).isEmpty();
    AnalysisRunPlanner.Update update = AnalysisRunPlanner.update(run, List.of(), now);

    assertThat(update.status().phase).isEqualTo("Error");
    assertThat(update.status().message).isEqualTo(
        "metric error-rate: failureLimit is \"{{args.limit}}\" = \"two\", not a whole number");
    assertThat(update.nextAt()).as("a complete run is not looked at again").isNull();
  }

  @Test
  void eachFieldThatDoesNotResolveIsNamedWithTheArgumentAndItsValue() {
    Metric metric = metric("latency");
    metric.count = new IntOrString("{{args.count}}");
    metric.inconclusiveLimit = new IntOrString("-1");
    metric.consecutiveErrorLimit = new IntOrString("{{args.errors}}");
    metric.interval = new IntOrString("{{ args.interval }}");
    metric.initialDelay = new IntOrString("{{args.delay}}");
    Argument token = new Argument("errors", null);
    token.valueFrom = new Argument.ValueFrom();
    token.valueFrom.secretKeyRef = new SecretKeySelector("errors", "stats", false);

    assertThatThrownBy(() -> MetricSettings.of(metric, List.of(
        new Argument("count", "3.5"), new Argument("interval", "5 minutes"), token,
        new Argument("delay", null))))
        .hasMessage(String.join("; ",
            "metric latency: interval is \"{{ args.interval }}\" = \"5 minutes\": \"5 minutes\""
                + " is not a duration (write 30, 30s, 5m or 1h30m)",
            "metric latency: initialDelay is \"{{args.delay}}\" but argument delay has no"
                + " value",
            "metric latency: count is \"{{args.count}}\" = \"3.5\", not a whole number",
            "metric latency: inconclusiveLimit is \"-1\", not a whole number",
            "metric latency: consecutiveErrorLimit is \"{{args.errors}}\" but argument errors"
                + " comes from a Secret, which is read only to measure: give"
                + " consecutiveErrorLimit a value"));
  }

  @Test
  void aPlaceholderOfNoArgumentIsNamed() {
    Metric metric = metric("errors");
    metric.count = new IntOrString("{{args.cuont}}");

    assertThat(MetricSettings.problems(metric, List.of(new Argument("count", "3"))))
        .containsExactly("metric errors: count is \"{{args.cuont}}\" but there is no argument"
            + " cuont");
  }

  @Test
  void aTemplateOnItsOwnIsCheckedWithItsDefaultsAndLeavesTheRestToTheRollout() {
    Metric metric = metric("errors");
    metric.count = new IntOrString("{{args.count}}");
    metric.failureLimit = new IntOrString("{{args.limit}}");
    metric.interval = new IntOrString("{{args.interval}}");

    List<String> problems = MetricSettings.problems(metric, List.of(
        new Argument("count", null), new Argument("limit", "one"),
        new Argument("interval", "10s")));

    assertThat(problems).containsExactly(
        "metric errors: failureLimit is \"{{args.limit}}\" = \"one\", not a whole number");
  }
}
