/**
 * Sequential, anytime-valid judgement of a canary against stable by the ratio of their event
 * rates (STATISTICS.md): {@link dev.ramp.engine.judge.RatioJudge} for the product, with its
 * persistent {@link dev.ramp.engine.judge.JudgeState} and its choice of
 * {@link dev.ramp.engine.judge.RegressionTest} (the grid mixture, or the simpler fixed-share
 * {@link dev.ramp.engine.judge.BetaBinomialEValue}); and the benchmark's references, the
 * {@link dev.ramp.engine.judge.Sprt} oracle and the {@link dev.ramp.engine.judge.LowerBound}.
 * Pure: no I/O, no clock, no randomness.
 */
package dev.ramp.engine.judge;
