package io.dvdcli.examples.mesos.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The clock and the waits of the re-subscribe loop, apart so a test can run a failover timeout of
 * minutes in no time and see exactly when each attempt happens.
 */
public interface Pacer {
  Instant now();

  /** Waits {@code delay}, or less if {@code stop} reaches zero first. */
  void await(CountDownLatch stop, Duration delay) throws InterruptedException;

  Pacer SYSTEM = new Pacer() {
    @Override
    public Instant now() {
      return Instant.now();
    }

    @Override
    public void await(CountDownLatch stop, Duration delay) throws InterruptedException {
      stop.await(delay.toNanos(), TimeUnit.NANOSECONDS);
    }
  };
}
