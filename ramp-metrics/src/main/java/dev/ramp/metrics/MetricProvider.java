package dev.ramp.metrics;

import java.util.Map;

/**
 * Takes measurements of one kind of metric. A provider never throws for a problem with the
 * measurement itself (unreachable server, bad answer): it returns an error result whose message
 * says what went wrong, without secrets.
 */
public interface MetricProvider {

  /** Starts a measurement; synchronous providers return it finished. */
  MeasurementResult measure(MeasurementRequest request);

  /** Continues a measurement that was left running (asynchronous providers). */
  default MeasurementResult resume(MeasurementRequest request, Map<String, String> metadata) {
    return measure(request);
  }

  /** Stops a measurement left running because its run ended (deletes a Job, say). */
  default void terminate(MeasurementRequest request, Map<String, String> metadata) {}
}
