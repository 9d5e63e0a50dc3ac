package io.dvdcli.examples.mesos.scheduler;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential back-off between re-subscribe attempts: {@code initial}, doubled per attempt, capped
 * at {@code max} (the Mesos docs suggest up to 15 s so a recovering master is not flooded). Named
 * for what it paces: dvdcli has a {@code Backoff} of its own for plugin calls.
 */
public record ResubscribeBackoff(Duration initial, Duration max) {
  public static final ResubscribeBackoff DEFAULT = new ResubscribeBackoff(Duration.ofSeconds(1), Duration.ofSeconds(15));

  public ResubscribeBackoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("back-off needs 0 < initial <= max, got " + initial + " and " + max);
    }
  }

  /** The wait before attempt number {@code attempt} (0 = the first retry). */
  public Duration delay(int attempt) {
    if (attempt < 0) {
      throw new IllegalArgumentException("attempt must not be negative: " + attempt);
    }
    Duration delay = initial;
    for (int i = 0; i < attempt && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(max) > 0 ? max : delay;
  }
}
