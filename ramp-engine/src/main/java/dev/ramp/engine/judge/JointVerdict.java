package dev.ramp.engine.judge;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Several signals (errors, slow requests, any counter pair) judged as one (STATISTICS.md,
 * "Combining several metrics"). Each of the k signals has its own {@link RatioJudge} at α/k
 * ({@link #signalAlpha}): by the union bound the chance that any signal of a healthy canary is
 * ever flagged stays within α, and so does the chance that a signal whose true ratio is above
 * its maxRatio is ever accepted. The whole is a regression as soon as any signal is, acceptable
 * when every signal is at the same time, undecided otherwise.
 *
 * @param decision the combined decision
 * @param moreRequestsNeeded while undecided, the most canary requests any undecided signal still
 *     needs; -1 when one of them cannot tell yet; 0 once decided
 * @param message the deciding signals' verdicts, each after its name
 */
public record JointVerdict(Decision decision, long moreRequestsNeeded, String message) {
  /** One signal's verdict, under the signal's name. */
  public record Signal(String name, Verdict verdict) {}

  /** The α each of {@code signals} judges runs at, so that together they stay within α. */
  public static double signalAlpha(double alpha, int signals) {
    if (signals < 1) {
      throw new IllegalArgumentException("at least one signal is needed, got " + signals);
    }
    return alpha / signals;
  }

  /**
   * The signals' verdicts combined: a regression names only the signals that regressed; otherwise
   * every signal's verdict is told, in the order given.
   */
  public static JointVerdict of(List<Signal> signals) {
    List<Signal> regressed = signals.stream()
        .filter(signal -> signal.verdict().decision() == Decision.REGRESSION).toList();
    if (!regressed.isEmpty()) {
      return new JointVerdict(Decision.REGRESSION, 0, told(regressed));
    }
    List<Signal> undecided = signals.stream()
        .filter(signal -> signal.verdict().decision() == Decision.UNDECIDED).toList();
    if (undecided.isEmpty()) {
      return new JointVerdict(Decision.ACCEPTABLE, 0, told(signals));
    }
    boolean unknown = undecided.stream()
        .anyMatch(signal -> signal.verdict().moreRequestsNeeded() == RequestsNeeded.UNKNOWN);
    long most = undecided.stream().mapToLong(signal -> signal.verdict().moreRequestsNeeded())
        .max().orElseThrow();
    return new JointVerdict(Decision.UNDECIDED, unknown ? RequestsNeeded.UNKNOWN : most,
        told(signals));
  }

  private static String told(List<Signal> signals) {
    return signals.stream().map(signal -> signal.name() + ": " + signal.verdict().message())
        .collect(Collectors.joining("; "));
  }
}
