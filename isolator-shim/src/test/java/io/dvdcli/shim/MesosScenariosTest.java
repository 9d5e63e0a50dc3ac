package io.dvdcli.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dvdcli.shim.VolumeRequest.Mode;
import io.dvdcli.shim.host.MountTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenarios of Mesos' {@code docker_volume_isolator_tests.cpp}, each named after its Mesos
 * test, run through the real process boundary. An isolator object per step stands for an agent
 * process: nothing is shared between them but the checkpoint dir.
 */
class MesosScenariosTest {
  @TempDir Path temp;
  Backend backend;
  Path checkpoints;

  @BeforeEach
  void setUp() throws Exception {
    backend = backend(temp.resolve("backend"));
    checkpoints = temp.resolve("checkpoints");
  }

  /** The plugin the scenarios run against: the reference plugin here, rclone's in a subclass. */
  Backend backend(Path dir) throws Exception {
    return Backends.create(dir);
  }

  @AfterEach
  void tearDown() throws Exception {
    backend.close();
  }

  VolumeIsolator agent() {
    return new VolumeIsolator(IsolatorConfig.builder()
        .checkpointDir(checkpoints)
        .dvdcli(backend.dvdcli())
        .dvdcliEnvironment(backend.environment())
        .mountTimeout(Duration.ofSeconds(30))
        .unmountTimeout(Duration.ofSeconds(30))
        .build());
  }

  VolumeRequest volume(String name) {
    return new VolumeRequest(backend.driver(), name, backend.options(name), null, Mode.RW);
  }

  @Test
  void commandTaskNoRootfsWithVolumesCheckpointsMountsAndCleansUp() throws Exception {
    PrepareResult prepared = agent().prepare("c1", List.of(volume("vol1")));

    assertEquals("{\"volumes\":[{\"driver\":\"" + backend.driver() + "\",\"name\":\"vol1\"}]}",
        Files.readString(checkpoints.resolve("c1/volumes")));
    assertTrue(Path.of(prepared.hostPath(backend.driver(), "vol1")).isAbsolute());
    assertTrue(backend.isMounted("vol1"));

    CleanupResult cleaned = agent().cleanup("c1");

    assertEquals(List.of(backend.driver() + "/vol1"), cleaned.unmounted());
    assertFalse(backend.isMounted("vol1"));
    assertFalse(Files.exists(checkpoints.resolve("c1")));
    assertEquals(List.of(), agent().status().containers());
    assertEquals(Map.of(), agent().status().released());
  }

  @Test
  void commandTaskNoRootfsFailedWithSameVolumesIsRefusedBeforeAnythingHappens() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> agent().prepare("c1", List.of(volume("vol1"), volume("vol1"))));

    assertEquals("Found duplicate docker volume with driver '" + backend.driver() + "' and name 'vol1'", e.getMessage());
    assertFalse(Files.exists(checkpoints.resolve("c1")));
  }

  @Test
  void commandTaskNoRootfsSingleVolumeMultipleContainersUnmountsOnlyAfterTheLast() throws Exception {
    agent().prepare("c1", List.of(volume("shared")));
    agent().prepare("c2", List.of(volume("shared")));

    CleanupResult first = agent().cleanup("c1");

    assertEquals(List.of(), first.unmounted());
    assertEquals(Map.of(backend.driver() + "/shared", List.of("c2")), first.stillInUse());
    assertTrue(backend.isMounted("shared"), "c2 still uses it");

    CleanupResult last = agent().cleanup("c2");

    assertEquals(List.of(backend.driver() + "/shared"), last.unmounted());
    assertFalse(backend.isMounted("shared"));
    assertEquals(Map.of(), agent().status().released());
  }

  @Test
  void commandTaskNoRootfsSlaveRecoveryKeepsLiveContainersAndCleansUpOrphans() throws Exception {
    agent().prepare("live", List.of(volume("shared")));
    agent().prepare("gone", List.of(volume("orphaned"), volume("shared")));

    RecoverResult recovered = agent().recover(Set.of("live"));

    assertEquals(List.of("live"), recovered.recovered());
    assertEquals(List.of("gone"), recovered.orphansCleanedUp());
    assertEquals(List.of(backend.driver() + "/orphaned"), recovered.unmounted());
    assertTrue(recovered.succeeded());
    assertTrue(backend.isMounted("shared"), "the live container's volume stays");
    assertFalse(backend.isMounted("orphaned"));
    assertTrue(Files.exists(checkpoints.resolve("live/volumes")));
  }

  @Test
  void emptyCheckpointFileSlaveRecoveryIsToleratedAndSaidSo() throws Exception {
    Files.createDirectories(checkpoints.resolve("rebooted"));
    Files.writeString(checkpoints.resolve("rebooted/volumes"), "");

    RecoverResult recovered = agent().recover(Set.of());

    assertTrue(recovered.succeeded());
    assertEquals(List.of("rebooted"), recovered.orphansCleanedUp());
    assertEquals(1, recovered.warnings().size());
    assertTrue(recovered.warnings().get(0).contains("is empty"), recovered.warnings().get(0));
    assertFalse(Files.exists(checkpoints.resolve("rebooted")));
  }

  @Test
  void commandTaskNoRootfsWithUnmountVolumeFailureIsRetriedByTheNextCleanup() throws Exception {
    agent().prepare("c1", List.of(volume("sticky")));
    backend.breakUnmounts("sticky");

    IsolatorException failed = assertThrows(IsolatorException.class, () -> agent().cleanup("c1"));

    String last = failed.getMessage().lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(last.startsWith("Failed to clean up container 'c1': Failed to unmount volume '"
        + backend.driver() + "/sticky'"), last);
    assertTrue(last.endsWith("(recorded; the next cleanup or recover retries it)"), last);
    assertTrue(backend.isMounted("sticky"));
    assertEquals(Map.of("c1", List.of(backend.driver() + "/sticky")), agent().status().released());

    backend.repair("sticky");
    CleanupResult retried = agent().cleanup("c1");

    assertEquals(List.of(backend.driver() + "/sticky"), retried.unmounted());
    assertFalse(backend.isMounted("sticky"));
    assertEquals(Map.of(), agent().status().released());
  }

  @Test
  void aFailedMountUndoesThisPreparesMountsAndNamesTheVolumeThatFailed() throws Exception {
    agent().prepare("other", List.of(volume("shared")));
    VolumeRequest missing = new VolumeRequest(backend.driver(), "missing", backend.options("missing"), null, Mode.RW, true);

    IsolatorException e = assertThrows(IsolatorException.class,
        () -> agent().prepare("c1", List.of(volume("fresh"), volume("shared"), missing)));

    String last = e.getMessage().lines().reduce((x, y) -> y).orElseThrow();
    assertTrue(last.startsWith("Failed to mount volume '" + backend.driver() + "/missing': dvdcli exited with status "),
        last);
    assertTrue(last.contains("does not exist and --explicitcreate forbids creating it"), last);
    assertTrue(last.endsWith("(container 'c1' was not prepared; undone)"), last);
    assertFalse(backend.isMounted("fresh"), "this prepare's own mount is undone");
    assertTrue(backend.isMounted("shared"), "a volume another container uses stays mounted");
    assertFalse(Files.exists(checkpoints.resolve("c1")));
    assertEquals(Map.of(), agent().status().released(), "'other' holds its own mount of 'shared'");
  }

  @Test
  void commandTaskNoRootfsWithReadOnlyVolumeIsVisibleAtItsContainerPathButNotWritable() throws Exception {
    assumeTrue(System.getProperty("user.name").equals("root"), "bind mounts need root");
    Path target = Files.createDirectories(temp.resolve("host-dir-for-container"));
    VolumeIsolator agent = new VolumeIsolator(agent().config().toBuilder().bindMounts(true).build());
    VolumeRequest readOnly = new VolumeRequest(backend.driver(), "ro-vol", backend.options("ro-vol"), target.toString(), Mode.RO);

    PrepareResult prepared = agent.prepare("c1", List.of(readOnly));
    try {
      Files.writeString(Path.of(prepared.hostPath(backend.driver(), "ro-vol")).resolve("file"), "from the host");

      assertEquals(target.toString(), prepared.volumes().get(0).visibleAt());
      assertEquals("from the host", Files.readString(target.resolve("file")));
      assertThrows(java.nio.file.FileSystemException.class, () -> Files.writeString(target.resolve("other"), "x"));
    } finally {
      agent.cleanup("c1");
    }

    assertFalse(MountTable.ofThisProcess().isMountPoint(target));
    assertFalse(backend.isMounted("ro-vol"));
  }
}
