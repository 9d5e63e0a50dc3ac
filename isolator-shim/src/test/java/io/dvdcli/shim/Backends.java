package io.dvdcli.shim;

import java.io.IOException;
import java.nio.file.Path;

/** The backend the lifecycle scenarios run against. */
final class Backends {
  private Backends() {}

  static Backend create(Path dir) throws IOException {
    return new RealBackend(dir);
  }
}
