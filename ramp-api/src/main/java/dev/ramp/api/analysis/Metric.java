package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;

/**
 * One thing to measure repeatedly, and how to judge each measurement. As in Argo Rollouts, the
 * count, the limits and the durations may be strings holding {@code {{args.name}}}, resolved with
 * the arguments of the run (the engine's MetricSettings reads them, resolved, as numbers).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Metric {
  /**
   * A whole number (also as a string), or a string starting with {@code {{args.name}}}. No
   * regular expression: the API server prices a rule by the longest string it might see, for
   * each of a template's metrics, and the generator puts no maxLength on an int-or-string.
   */
  static final String WHOLE_NUMBER_OR_ARGS =
      "type(self) == int ? self >= 0 : self.startsWith('{{') || int(self) >= 0";
  static final String NOT_WHOLE_NUMBER_OR_ARGS =
      "must be a whole number, or a string holding {{args.name}}";

  @Required public String name;

  @JsonPropertyDescription("Time between measurements (30s, 5m, ...) or {{args.name}}. Absent:"
      + " measure once.")
  public IntOrString interval;

  @JsonPropertyDescription("Wait this long before the first measurement (30s, 5m, ...) or"
      + " {{args.name}}.")
  public IntOrString initialDelay;

  @ValidationRule(value = WHOLE_NUMBER_OR_ARGS, message = NOT_WHOLE_NUMBER_OR_ARGS)
  @JsonPropertyDescription("How many measurements to take, or {{args.name}}; defaults to 1"
      + " without an interval, unlimited (until the rollout moves on) with one.")
  public IntOrString count;

  @JsonPropertyDescription("CEL over result: the measurement is Successful when true.")
  public String successCondition;

  @JsonPropertyDescription("CEL over result: the measurement is Failed when true.")
  public String failureCondition;

  @ValidationRule(value = WHOLE_NUMBER_OR_ARGS, message = NOT_WHOLE_NUMBER_OR_ARGS)
  @JsonPropertyDescription("Failed measurements tolerated, or {{args.name}}; one more fails the"
      + " run. Default 0.")
  public IntOrString failureLimit;

  @ValidationRule(value = WHOLE_NUMBER_OR_ARGS, message = NOT_WHOLE_NUMBER_OR_ARGS)
  @JsonPropertyDescription("Inconclusive measurements tolerated, or {{args.name}}. Default 0.")
  public IntOrString inconclusiveLimit;

  @ValidationRule(value = WHOLE_NUMBER_OR_ARGS, message = NOT_WHOLE_NUMBER_OR_ARGS)
  @JsonPropertyDescription("Errors in a row tolerated before the run errors, or {{args.name}}."
      + " Default 4.")
  public IntOrString consecutiveErrorLimit;

  @JsonPropertyDescription("Measure and show, never decide.")
  public Boolean dryRun;

  @Min(1)
  @JsonPropertyDescription("Measurements kept in the AnalysisRun's status. Default 10.")
  public Integer measurementRetention;

  @Required public MetricProvider provider;
}
