package io.dvdcli.examples.mesos.task;

import java.util.Locale;

/** How the task may use a volume; the names are Mesos's {@code Volume.Mode}. */
public enum VolumeMode {
  RW,
  RO;

  /** Parses {@code rw}/{@code ro} in any case. */
  public static VolumeMode parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("volume mode must be RW or RO, not '" + text + "'");
    }
  }
}
