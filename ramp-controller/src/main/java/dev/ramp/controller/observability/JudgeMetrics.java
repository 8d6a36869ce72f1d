package dev.ramp.controller.observability;

import dev.ramp.api.RampLabels;
import dev.ramp.api.analysis.AnalysisPhase;
import dev.ramp.api.analysis.AnalysisRun;
import dev.ramp.api.analysis.CompareMeasurement;
import dev.ramp.api.analysis.JudgeNumbers;
import dev.ramp.api.analysis.Measurement;
import dev.ramp.api.analysis.MetricResult;
import dev.ramp.api.analysis.SignalMeasurement;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the judge of each running compare metric stands, from its latest measurement:
 * {@code ramp_judge_evalue{namespace,rollout,metric,signal}} (the evidence that the canary is
 * worse; 1/alpha rolls it back, k/alpha for each of k signals) and
 * {@code ramp_judge_ratio{namespace,rollout,metric,signal,bound}} (the canary's event rate over
 * stable's: {@code estimate}, and the confidence sequence's {@code lower} and {@code upper} ends).
 * A metric with several signals has one series per signal; a metric with one source has an empty
 * {@code signal}, which Prometheus treats as no label, so queries written before signals existed
 * still match. A metric's series go away when its run ends.
 */
final class JudgeMetrics implements ResourceEventHandler<AnalysisRun> {
  private final Supplier<List<AnalysisRun>> runs;
  private final MultiGauge eValues;
  private final MultiGauge ratios;

  JudgeMetrics(MeterRegistry registry, Supplier<List<AnalysisRun>> runs) {
    this.runs = runs;
    this.eValues = MultiGauge.builder("ramp.judge.evalue")
        .description("Evidence that the canary is worse than stable; 1/alpha rolls it back")
        .register(registry);
    this.ratios = MultiGauge.builder("ramp.judge.ratio")
        .description("Canary event rate over stable's: estimate and confidence bounds")
        .register(registry);
  }

  @Override
  public void onAdd(AnalysisRun run) {
    refresh();
  }

  @Override
  public void onUpdate(AnalysisRun before, AnalysisRun after) {
    refresh();
  }

  @Override
  public void onDelete(AnalysisRun run, boolean finalStateUnknown) {
    refresh();
  }

  private synchronized void refresh() {
    List<MultiGauge.Row<?>> eValueRows = new ArrayList<>();
    List<MultiGauge.Row<?>> ratioRows = new ArrayList<>();
    for (AnalysisRun run : runs.get()) {
      if (run.getStatus() == null || run.getStatus().metricResults == null
          || AnalysisPhase.of(run.getStatus().phase).completed()) {
        continue;
      }
      for (MetricResult result : run.getStatus().metricResults) {
        CompareMeasurement judged = latestJudgement(result);
        if (judged == null) {
          continue;
        }
        Map<String, String> labels = run.getMetadata().getLabels();
        Tags tags = Tags.of("namespace", run.getMetadata().getNamespace(),
            "rollout", labels == null ? "" : labels.getOrDefault(RampLabels.ROLLOUT, ""),
            "metric", String.valueOf(result.name));
        if (judged.signals == null) {
          addRows(eValueRows, ratioRows, tags.and("signal", ""), judged);
          continue;
        }
        for (SignalMeasurement signal : judged.signals) {
          if (signal != null) {
            addRows(eValueRows, ratioRows, tags.and("signal", String.valueOf(signal.name)),
                signal);
          }
        }
      }
    }
    eValues.register(eValueRows, true);
    ratios.register(ratioRows, true);
  }

  private static CompareMeasurement latestJudgement(MetricResult result) {
    List<Measurement> measurements = result.measurements;
    if (measurements == null || measurements.isEmpty()) {
      return null;
    }
    return measurements.get(measurements.size() - 1).compare;
  }

  private static void addRows(List<MultiGauge.Row<?>> eValueRows,
      List<MultiGauge.Row<?>> ratioRows, Tags tags, JudgeNumbers numbers) {
    addRow(eValueRows, tags, numbers.eValue);
    addRow(ratioRows, tags.and("bound", "estimate"), numbers.ratio);
    addRow(ratioRows, tags.and("bound", "lower"), numbers.ratioLower);
    addRow(ratioRows, tags.and("bound", "upper"), numbers.ratioUpper);
  }

  /** A row for a number the status holds as text; none for a missing or unknown one. */
  private static void addRow(List<MultiGauge.Row<?>> rows, Tags tags, String number) {
    if (number == null) {
      return;
    }
    try {
      double value = Double.parseDouble(number);
      if (!Double.isNaN(value)) {
        rows.add(MultiGauge.Row.of(tags, value));
      }
    } catch (NumberFormatException e) {
      // a number edited into nonsense by hand: nothing to show
    }
  }
}
