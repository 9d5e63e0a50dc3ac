package io.dvdcli.plugin.transport;

import java.io.IOException;

/**
 * Everything that can go wrong between dvdcli and a plugin. The message is one line meant for the
 * operator (Mesos shows it verbatim); {@link Kind} decides the exit code.
 */
public final class PluginException extends IOException {
  /** What went wrong, coarse enough to pick an exit code and a retry decision. */
  public enum Kind {
    /** No socket or spec file for the name (after Docker's retries). */
    NOT_FOUND,
    /** A managed plugin that is installed but disabled: a definite answer, not worth a retry. */
    DISABLED,
    /** A driver name Docker could not have, which must never become a file name. */
    INVALID_NAME,
    /** A spec file that cannot be used (no scheme, unreadable, bad JSON, bad TLS files). */
    INVALID_SPEC,
    /** Activate worked but the plugin does not implement VolumeDriver. */
    NOT_A_VOLUME_DRIVER,
    /** Nothing answered: connection refused, stale socket, reset. */
    UNREACHABLE,
    /** The call did not finish within its time. */
    TIMEOUT,
    /** The plugin answered 404: it does not implement that call. */
    NOT_IMPLEMENTED,
    /** The plugin answered with an error (non-empty Err, or a non-200 status). */
    REFUSED,
    /** The plugin answered something that breaks the protocol (bad JSON, bad mount point). */
    BAD_ANSWER,
    /** The volume does not exist, and the command may not create it. */
    NO_SUCH_VOLUME,
    /** dvdcli's own state on this host (the mount-ID ledger) cannot be read or written. */
    STATE
  }

  private final Kind kind;
  private final int httpStatus;

  public PluginException(Kind kind, String message) {
    this(kind, 0, message, null);
  }

  public PluginException(Kind kind, int httpStatus, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.httpStatus = httpStatus;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status of the answer, or 0 when there was none. */
  public int httpStatus() {
    return httpStatus;
  }
}
