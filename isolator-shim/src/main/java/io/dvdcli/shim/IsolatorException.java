package io.dvdcli.shim;

import java.io.IOException;

/**
 * A lifecycle step that failed. The message's last line is the one to show; earlier lines (if any)
 * say what else went wrong while undoing, and what stays recorded for {@code recover}.
 */
public final class IsolatorException extends IOException {
  public IsolatorException(String message) {
    super(message);
  }

  public IsolatorException(String message, Throwable cause) {
    super(message, cause);
  }
}
