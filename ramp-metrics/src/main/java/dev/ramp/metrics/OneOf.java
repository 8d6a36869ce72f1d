package dev.ramp.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A choice among optional fields of which exactly one must be set, as a table: each field's name,
 * how to read it, and what setting it picks. Adding a provider is one more line of the table,
 * and the messages naming the fields follow from it.
 *
 * @param <S> what holds the fields
 * @param <T> what a field picks
 */
final class OneOf<S, T> {
  private record Option<S, T>(String name, Function<S, Object> field, T picked) {}

  private final List<Option<S, T>> options = new ArrayList<>();

  /** Adds the field {@code name}, read by {@code field}, which picks {@code picked} when set. */
  OneOf<S, T> or(String name, Function<S, Object> field, T picked) {
    options.add(new Option<>(name, field, picked));
    return this;
  }

  /** What the one set field picks; empty when {@code holder} is null or sets none or several. */
  Optional<T> pick(S holder) {
    if (holder == null) {
      return Optional.empty();
    }
    List<T> set = options.stream().filter(option -> option.field().apply(holder) != null)
        .map(Option::picked).toList();
    return set.size() == 1 ? Optional.of(set.get(0)) : Optional.empty();
  }

  /** The fields' names in the table's order, e.g. "prometheus, web and job". */
  String names() {
    List<String> names = options.stream().map(Option::name).toList();
    return names.size() == 1 ? names.get(0) : String.join(", ", names.subList(0,
        names.size() - 1)) + " and " + names.get(names.size() - 1);
  }
}
