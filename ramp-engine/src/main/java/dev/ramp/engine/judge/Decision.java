package dev.ramp.engine.judge;

/** What a judge concludes about the canary so far. */
public enum Decision {
  /** The canary's event rate is higher than stable's (analysis Failed). */
  REGRESSION,
  /** The canary's event rate is at most the tolerated multiple of stable's (Successful). */
  ACCEPTABLE,
  /** Not enough evidence either way yet. */
  UNDECIDED
}
