package dev.ramp.engine;

import dev.ramp.api.analysis.AnalysisRunSpec;
import dev.ramp.api.experiment.ExperimentSpec;
import dev.ramp.api.routing.HeaderMatch;
import dev.ramp.api.routing.RouteMatch;
import dev.ramp.api.routing.StringMatch;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One sample of every concrete {@link Action} the sealed hierarchy permits, found by reflection,
 * so that a test of a handler fails as soon as an action is added that it does not handle. Every
 * name in a sample (ReplicaSet, hash, Service, pod, Deployment, AnalysisRun, route) is {@link
 * #NAME}: a test creates the objects of that name the actions work on.
 */
public final class EveryAction {
  public static final String NAME = "web";
  public static final Instant TIME = Instant.parse("2026-01-01T00:00:00Z");

  private EveryAction() {}

  /** A sample of each concrete action type. */
  public static List<Action> samples() {
    return concreteTypes(Action.class).stream().map(EveryAction::sample).toList();
  }

  /** A sample of each concrete route change. */
  public static List<Action.RouteChange> routeChanges() {
    return samples().stream().filter(Action.RouteChange.class::isInstance)
        .map(Action.RouteChange.class::cast).toList();
  }

  /** The records permitted under a sealed interface, through its sealed sub-interfaces. */
  private static List<Class<?>> concreteTypes(Class<?> sealed) {
    List<Class<?>> types = new ArrayList<>();
    for (Class<?> permitted : sealed.getPermittedSubclasses()) {
      if (permitted.isSealed()) {
        types.addAll(concreteTypes(permitted));
      } else {
        types.add(permitted);
      }
    }
    return types;
  }

  private static Action sample(Class<?> type) {
    RecordComponent[] components = type.getRecordComponents();
    if (components == null) {
      throw new AssertionError(type.getSimpleName() + " is not a record: make a sample by hand");
    }
    try {
      Constructor<?> constructor = type.getDeclaredConstructor(Arrays.stream(components)
          .map(RecordComponent::getType).toArray(Class<?>[]::new));
      return (Action) constructor.newInstance(Arrays.stream(components)
          .map(c -> value(type, c.getGenericType())).toArray());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot make a " + type.getSimpleName(), e);
    }
  }

  private static Object value(Class<?> action, Type type) {
    if (type == String.class) {
      return NAME;
    }
    if (type == int.class) {
      return 1;
    }
    if (type == long.class) {
      return 1L;
    }
    if (type == Instant.class) {
      return TIME;
    }
    if (type == PodTemplateSpec.class) {
      return Fixtures.template(NAME, "demo:v1");
    }
    if (type == LabelSelector.class) {
      return new LabelSelectorBuilder().addToMatchLabels("app", NAME).build();
    }
    if (type == AnalysisRunSpec.class) {
      return new AnalysisRunSpec();
    }
    if (type == ExperimentSpec.class) {
      return new ExperimentSpec();
    }
    if (type instanceof ParameterizedType list && list.getRawType() == List.class
        && list.getActualTypeArguments()[0] == HeaderMatch.class) {
      return List.of(new HeaderMatch("x-beta", "1"));
    }
    if (type instanceof ParameterizedType list && list.getRawType() == List.class
        && list.getActualTypeArguments()[0] == RouteMatch.class) {
      RouteMatch match = RouteMatch.ofHeaders(List.of(new HeaderMatch("x-beta", "1")));
      match.method = StringMatch.exact("GET");
      return List.of(match);
    }
    if (type instanceof ParameterizedType map && map.getRawType() == Map.class) {
      return Map.of(NAME, 1);
    }
    throw new AssertionError("no sample value of " + type.getTypeName() + " for "
        + action.getSimpleName() + ": add one to EveryAction");
  }
}
