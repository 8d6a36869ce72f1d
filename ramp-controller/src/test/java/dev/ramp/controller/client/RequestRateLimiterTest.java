package dev.ramp.controller.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket, on a clock the test moves. */
class RequestRateLimiterTest {
  private final AtomicLong now = new AtomicLong();
  private final RequestRateLimiter limiter = new RequestRateLimiter(10, 3, now::get);

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  @Test
  void aBurstGoesAtOnceAndWhatFollowsLeavesAtTheRate() {
    assertThat(limiter.reserve()).isZero();
    assertThat(limiter.reserve()).isZero();
    assertThat(limiter.reserve()).isZero();
    assertThat(millis(limiter.reserve())).isEqualTo(100);
    assertThat(millis(limiter.reserve())).isEqualTo(200);
  }

  @Test
  void anIdleSpellRefillsTheBucketUpToTheBurstOnly() {
    for (int i = 0; i < 3; i++) {
      limiter.reserve();
    }
    now.addAndGet(TimeUnit.SECONDS.toNanos(60));

    assertThat(limiter.reserve()).isZero();
    assertThat(limiter.reserve()).isZero();
    assertThat(limiter.reserve()).isZero();
    assertThat(millis(limiter.reserve())).isEqualTo(100);
  }
}
