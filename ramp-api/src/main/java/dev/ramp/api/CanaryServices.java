package dev.ramp.api;

/**
 * The canary's stable and canary Services. With pingPong they are the pair's two Services in
 * the roles {@code stablePingPong} gives them (ping is stable until a promotion says otherwise);
 * without, stableService and canaryService.
 */
public record CanaryServices(String stable, String canary) {

  /** The Services in the roles {@code stablePingPong} ("ping", "pong" or null) gives them. */
  public static CanaryServices of(CanaryStrategy strategy, String stablePingPong) {
    PingPong pair = strategy.pingPong;
    if (pair == null) {
      return new CanaryServices(strategy.stableService, strategy.canaryService);
    }
    return PingPong.PONG.equals(stablePingPong)
        ? new CanaryServices(pair.pongService, pair.pingService)
        : new CanaryServices(pair.pingService, pair.pongService);
  }

  /** The Services of a canary rollout in the roles its status records. */
  public static CanaryServices of(Rollout rollout) {
    RolloutStatus status = rollout.getStatus();
    return of(rollout.getSpec().strategy.canary,
        status == null || status.canary == null ? null : status.canary.stablePingPong);
  }

  /** The role ("ping" or "pong") the other Service of the pair takes at a promotion. */
  public static String swapped(String stablePingPong) {
    return PingPong.PONG.equals(stablePingPong) ? PingPong.PING : PingPong.PONG;
  }
}
