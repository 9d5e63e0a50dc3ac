package io.dvdcli.flexvolume;

/** A driver call that cannot be done; its message becomes the Failure's message, verbatim. */
public final class FlexvolumeException extends Exception {
  public FlexvolumeException(String message) {
    super(message);
  }

  public FlexvolumeException(String message, Throwable cause) {
    super(message, cause);
  }
}
