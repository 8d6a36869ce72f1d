package dev.ramp.metrics;

import dev.ramp.api.analysis.Metric;
import io.fabric8.kubernetes.api.model.OwnerReference;

/**
 * One measurement to take.
 *
 * @param metric the metric with every {@code {{args.name}}} already replaced by its value
 * @param owner the AnalysisRun, as owner of anything the provider creates in the cluster
 */
public record MeasurementRequest(String namespace, Metric metric, OwnerReference owner) {}
