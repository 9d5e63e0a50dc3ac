package io.dvdcli.examples.mesos.scheduler;

import java.io.IOException;

/** The master refused the framework (a 4xx answer or an ERROR event): re-subscribing will not help. */
public final class FrameworkAbortedException extends IOException {
  public FrameworkAbortedException(String message) {
    super(message);
  }
}
