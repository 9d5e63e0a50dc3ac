package io.dvdcli.examples.marathon.app;

/** An input that is not a readable app or group definition; the command exits 2 on it. */
public final class AppLoadException extends Exception {
  private static final long serialVersionUID = 1L;

  public AppLoadException(String message) {
    super(message);
  }

  /** "Failed to read app definition '<file>': <cause>". */
  static AppLoadException of(java.nio.file.Path file, String cause) {
    return new AppLoadException("Failed to read app definition '" + file + "': " + cause);
  }
}
