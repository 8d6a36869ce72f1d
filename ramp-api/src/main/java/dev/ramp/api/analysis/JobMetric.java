package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;

/** A Kubernetes Job run for the measurement: succeeded is Successful, failed is Failed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class JobMetric {
  @Required
  @PreserveUnknownFields
  @SchemaFrom(type = AnyType.class)
  public JobSpec spec;
}
