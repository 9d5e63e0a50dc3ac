package io.dvdcli.hostmounts;

import java.io.IOException;

/** A mount or unmount on this host that failed; the message is one line for the operator. */
public final class HostMountException extends IOException {
  public HostMountException(String message) {
    super(message);
  }

  public HostMountException(String message, Throwable cause) {
    super(message, cause);
  }
}
