package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.ValidationRule;

/** Where a metric's value comes from: exactly one provider. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.prometheus), has(self.web), has(self.job)]"
    + ".filter(x, x).size() == 1",
    message = "a metric's provider must set exactly one of prometheus, web, job")
public class MetricProvider {
  public PrometheusMetric prometheus;
  public WebMetric web;
  public JobMetric job;
}
