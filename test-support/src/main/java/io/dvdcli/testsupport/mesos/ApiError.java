package io.dvdcli.testsupport.mesos;

/** A call the stand-in master refuses, with the HTTP status and the plain-text body it answers. */
final class ApiError extends Exception {
  private final int status;
  private final String location;

  ApiError(int status, String message) {
    this(status, message, null);
  }

  /** A redirect: {@code location} goes into the Location header. */
  ApiError(int status, String message, String location) {
    super(message);
    this.status = status;
    this.location = location;
  }

  int status() {
    return status;
  }

  /** The Location header to send, or null. */
  String location() {
    return location;
  }
}
