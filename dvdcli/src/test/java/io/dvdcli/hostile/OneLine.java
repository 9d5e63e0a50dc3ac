package io.dvdcli.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The properties every message and every accepted mount point must have. */
final class OneLine {
  private OneLine() {}

  /** A message dvdcli may print as its last stderr line: no control character, so one line. */
  static void assertOneLine(String message) {
    assertTrue(message != null && !message.isEmpty(), "a message");
    assertTrue(message.chars().noneMatch(Character::isISOControl), () -> "one clean line: " + message);
  }

  /**
   * A mount point that dvdcli accepts is absolute, normalised, and reads back unchanged from stdout
   * as the Mesos agent reads it (UTF-8 bytes, then trimmed); one it refuses has a one-line reason.
   */
  static void assertUsableOrRefused(String mountpoint, String problem) {
    if (problem != null) {
      assertOneLine(problem);
      return;
    }
    assertTrue(mountpoint.startsWith("/"), mountpoint);
    assertTrue(mountpoint.chars().noneMatch(Character::isISOControl), mountpoint);
    assertEquals(Path.of(mountpoint).normalize(), Path.of(mountpoint), "normalised");
    String readBack = new String((mountpoint + "\n").getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    assertEquals(mountpoint, readBack.strip(), "stdout reads back as the same path");
  }
}
