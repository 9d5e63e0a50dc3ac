package io.dvdcli.shim.driver;

import java.io.IOException;

/**
 * A mount or unmount that did not succeed. {@link #outcomeKnown()} is false when the process was
 * killed (timeout) or its answer was unusable, so the volume may or may not be mounted now.
 */
public final class DriverException extends IOException {
  private final boolean outcomeKnown;

  public DriverException(String message, boolean outcomeKnown) {
    super(message);
    this.outcomeKnown = outcomeKnown;
  }

  public DriverException(String message, boolean outcomeKnown, Throwable cause) {
    super(message, cause);
    this.outcomeKnown = outcomeKnown;
  }

  public boolean outcomeKnown() {
    return outcomeKnown;
  }
}
