package io.dvdcli.plugin.transport;

import java.time.Duration;
import java.util.Optional;

/**
 * Docker's retry schedule for a plugin that is missing or refuses connections (moby
 * {@code pkg/plugins/client.go}): waits of 1, 2, 4, 8, 16 s, each capped at 30 s, giving up as soon
 * as the next wait would carry the total time spent past the budget (30 s in Docker).
 */
public record Backoff(Duration budget) {
  private static final Duration MAX_WAIT = Duration.ofSeconds(30);

  public Backoff {
    if (budget == null || budget.isNegative()) {
      throw new IllegalArgumentException("retry budget must be zero or positive");
    }
  }

  public static Backoff docker() {
    return new Backoff(Duration.ofSeconds(30));
  }

  /** The wait before retry number {@code retries + 1} (the first retry has retries = 0). */
  public Duration delay(int retries) {
    long seconds = 1;
    for (int i = 0; i < retries && seconds < MAX_WAIT.toSeconds(); i++) {
      seconds *= 2;
    }
    return Duration.ofSeconds(Math.min(seconds, MAX_WAIT.toSeconds()));
  }

  /**
   * The one retry decision, for finding a plugin and for calling it alike: the wait before retry
   * number {@code retries + 1}, or empty when it is time to give up: Docker's rule says so
   * ({@link #givesUp}) or the command's deadline would pass during the wait.
   */
  public Optional<Duration> nextWait(int retries, Duration elapsed, Deadline deadline) {
    Duration wait = delay(retries);
    if (givesUp(elapsed, wait) || wait.compareTo(deadline.remaining()) >= 0) {
      return Optional.empty();
    }
    return Optional.of(wait);
  }

  /** Docker's abort rule: stop when the elapsed time plus the next wait reaches the budget. */
  public boolean givesUp(Duration elapsed, Duration nextDelay) {
    return elapsed.plus(nextDelay).compareTo(budget) >= 0;
  }
}
