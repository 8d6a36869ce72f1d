package dev.ramp.sim.bench;

import dev.ramp.api.analysis.CounterReading;
import dev.ramp.engine.analysis.Taken;

/**
 * What one measurement of the release's compare metric hands the engine, given the revisions'
 * counters as they stand: the simulated metric provider of an engine-driven analysis.
 */
@FunctionalInterface
interface MeasurementSource {
  /** Ramp's own: the counters, for the engine's judge to weigh. */
  MeasurementSource COUNTERS = Taken::value;

  Taken measure(String metric, CounterReading reading);
}
