package dev.ramp.api.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** An HTTP header sent with a measurement; the value may use {{args.name}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Header {
  @Required public String key;
  @Required public String value;

  public Header() {}

  public Header(String key, String value) {
    this.key = key;
    this.value = value;
  }
}
