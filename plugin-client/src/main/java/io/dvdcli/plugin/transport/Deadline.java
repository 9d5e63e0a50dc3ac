package io.dvdcli.plugin.transport;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The time left for the whole command. Every call and every back-off wait is cut to it, so a
 * {@code mount} ends, one way or the other, before the Mesos agent's 120 s kill.
 */
public final class Deadline {
  private final LongSupplier nanoClock;
  private final long startNanos;
  private final Duration total;

  public Deadline(Duration total, LongSupplier nanoClock) {
    this.total = total;
    this.nanoClock = nanoClock;
    this.startNanos = nanoClock.getAsLong();
  }

  public static Deadline in(Duration total) {
    return new Deadline(total, System::nanoTime);
  }

  public Duration total() {
    return total;
  }

  public Duration elapsed() {
    return Duration.ofNanos(nanoClock.getAsLong() - startNanos);
  }

  public Duration remaining() {
    Duration left = total.minus(elapsed());
    return left.isNegative() ? Duration.ZERO : left;
  }

  public boolean expired() {
    return remaining().isZero();
  }

  /** The timeout for one call: its own limit, cut to what is left. */
  public Duration cap(Duration callLimit) {
    Duration left = remaining();
    return callLimit.compareTo(left) < 0 ? callLimit : left;
  }
}
