package dev.ramp.api.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** A header or mirror route the steps may set, as Argo Rollouts declares them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ManagedRoute {
  @Required public String name;

  public ManagedRoute() {}

  public ManagedRoute(String name) {
    this.name = name;
  }

  /** The declared names in order of precedence; empty when none are declared. */
  public static List<String> names(List<ManagedRoute> routes) {
    return routes == null ? List.of()
        : routes.stream().filter(r -> r != null && r.name != null).map(r -> r.name).toList();
  }
}
