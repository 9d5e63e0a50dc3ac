package io.dvdcli.shim;

import io.dvdcli.shim.host.HostOperations;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The agent's rules for making a volume visible at its container path, over the host's single
 * steps: a recursive bind mount, made read-only when asked.
 */
final class ContainerBindMounts {
  private final HostOperations host;

  ContainerBindMounts(HostOperations host) {
    this.host = host;
  }

  void bind(Path source, Path target, boolean readOnly) throws IOException {
    host.bindMount(source, target);
    if (readOnly) {
      try {
        host.makeReadOnly(target);
      } catch (IOException e) {
        // A writable view of a volume asked to be read-only must not stay behind.
        unbind(target);
        throw e;
      }
    }
  }

  /** Nothing to do when nothing is mounted there: cleanup repeats after a crash or a failure. */
  void unbind(Path target) throws IOException {
    if (host.isMountPoint(target)) {
      host.unmount(target);
    }
  }
}
