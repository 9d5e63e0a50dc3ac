package io.dvdcli.plugin.transport;

import java.time.Duration;

/** Waits between retries; a seam so that tests of the retry schedule do not sleep. */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL = d -> Thread.sleep(d.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
