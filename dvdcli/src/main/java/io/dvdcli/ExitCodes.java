package io.dvdcli;

import io.dvdcli.plugin.transport.PluginException;

/**
 * The exit codes, documented in README.md. Exceptions become exit codes here and nowhere else.
 * Mesos only distinguishes zero from non-zero; the values help operators and scripts.
 */
public final class ExitCodes {
  public static final int OK = 0;
  /** The plugin refused the operation, or the volume does not exist. */
  public static final int REFUSED = 1;
  /** Bad command line: unknown flag, missing driver or name, malformed option. */
  public static final int USAGE = 2;
  /** No such plugin, an unusable spec file, or not a volume driver. */
  public static final int NO_PLUGIN = 3;
  /** The plugin could not be reached (connection refused, stale socket, dropped connection). */
  public static final int UNREACHABLE = 4;
  /** The plugin did not answer in time. */
  public static final int TIMEOUT = 5;
  /** The plugin's answer broke the protocol (bad JSON, empty or relative mount point). */
  public static final int BAD_ANSWER = 6;
  /** dvdcli's own state folder (the mount-ID ledger) cannot be read or written. */
  public static final int STATE = 7;
  /** A bug in dvdcli. */
  public static final int INTERNAL = 70;

  private ExitCodes() {}

  public static int of(PluginException e) {
    return switch (e.kind()) {
      case REFUSED, NOT_IMPLEMENTED, NO_SUCH_VOLUME -> REFUSED;
      case INVALID_NAME -> USAGE;
      case NOT_FOUND, DISABLED, INVALID_SPEC, NOT_A_VOLUME_DRIVER -> NO_PLUGIN;
      case UNREACHABLE -> UNREACHABLE;
      case TIMEOUT -> TIMEOUT;
      case BAD_ANSWER -> BAD_ANSWER;
      case STATE -> STATE;
    };
  }
}
