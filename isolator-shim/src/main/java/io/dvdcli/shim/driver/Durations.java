package io.dvdcli.shim.driver;

import java.time.Duration;

/** Durations in messages and flags: whole seconds, or milliseconds below one second. */
public final class Durations {
  private Durations() {}

  public static String describe(Duration d) {
    if (d.toMillis() % 1000 != 0) {
      return d.toMillis() + " ms";
    }
    return d.toSeconds() + " s";
  }
}
