package io.dvdcli.examples.scheduler.standin;

/** A call the stand-in master refuses, with the HTTP status and the plain-text body it answers. */
final class ApiError extends Exception {
  private final int status;

  ApiError(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
