package dev.ramp.engine.gates;

import java.util.Arrays;
import java.util.Optional;

/** Where in a release a gate is asked or a hook is called, as the status names it. */
public enum GatePoint {
  RELEASE("release", false),
  WEIGHT_INCREASE("weightIncrease", false),
  PROMOTION("promotion", false),
  /** A gate written as a step of its own. */
  STEP("step", false),
  PRE_RELEASE("preRelease", true),
  POST_RELEASE("postRelease", true),
  ROLLBACK("rollback", true);

  private final String field;
  private final boolean hook;

  GatePoint(String field, boolean hook) {
    this.field = field;
    this.hook = hook;
  }

  /** The name in the spec's {@code at} and in the status. */
  public String field() {
    return field;
  }

  /** True for a hook (its answer succeeds or fails), false for a gate (approves or denies). */
  public boolean hook() {
    return hook;
  }

  public static Optional<GatePoint> of(String field) {
    return Arrays.stream(values()).filter(p -> p.field.equals(field)).findFirst();
  }

  /** "gate change-freeze before the release", "pre-release hook migrate". */
  public String describe(String name) {
    return switch (this) {
      case RELEASE -> "gate " + name + " before the release";
      case WEIGHT_INCREASE -> "gate " + name + " before the weight rises";
      case PROMOTION -> "gate " + name + " before promotion";
      case STEP -> "gate " + name;
      case PRE_RELEASE -> "pre-release hook " + name;
      case POST_RELEASE -> "post-release hook " + name;
      case ROLLBACK -> "rollback hook";
    };
  }
}
