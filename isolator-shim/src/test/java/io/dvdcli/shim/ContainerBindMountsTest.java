package io.dvdcli.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The bind-mount rules on their own: a prepare's rollback would take a failed read-only mount
 * away as well, so only here does it show that the mount does not outlive the failed call.
 */
class ContainerBindMountsTest {
  final CallLog log = new CallLog();
  final RecordingHost host = new RecordingHost(log);
  final ContainerBindMounts mounts = new ContainerBindMounts(host);
  final Path source = Path.of("/volumes/fake/a");
  final Path target = Path.of("/sandbox/data");

  @Test
  void aReadOnlyRemountThatFailsTakesTheWritableBindMountAwayBeforeTheCallFails() {
    host.fail("make-read-only " + target);

    assertThrows(IOException.class, () -> mounts.bind(source, target, true));

    assertEquals(List.of("bind-mount " + source + " " + target, "make-read-only " + target, "unmount " + target),
        log.calls());
    assertEquals(Set.of(), host.mountPoints());
  }

  @Test
  void takingAwayABindMountWhereNothingIsMountedCallsNothing() throws IOException {
    mounts.unbind(target);

    assertEquals(List.of(), log.calls());
  }
}
