package io.dvdcli.examples.mesos.scheduler;

import java.io.IOException;

/** The master answered a call with a 4xx status: sending the same call again will not help. */
public final class MasterRejectedException extends IOException {
  private final int status;

  public MasterRejectedException(String message, int status) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
