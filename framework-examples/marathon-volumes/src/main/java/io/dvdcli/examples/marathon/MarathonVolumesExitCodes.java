package io.dvdcli.examples.marathon;

/**
 * The exit codes of marathon-volumes (validate and translate). Not {@code ExitCodes}: dvdcli's
 * {@code io.dvdcli.ExitCodes} are another command's.
 */
final class MarathonVolumesExitCodes {
  private MarathonVolumesExitCodes() {}

  static final int OK = 0;

  /** Marathon would reject the apps: one line per violation on stderr. */
  static final int VIOLATIONS = 1;

  /** Bad usage, or an input that is not a readable app or group definition. */
  static final int USAGE = 2;

  /** A bug in this program. */
  static final int INTERNAL = 3;
}
