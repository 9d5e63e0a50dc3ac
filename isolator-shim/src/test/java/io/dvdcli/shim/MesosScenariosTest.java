package io.dvdcli.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.shim.VolumeRequest.Mode;
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
    backend = Backends.create(temp.resolve("backend"));
    checkpoints = temp.resolve("checkpoints");
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
    return new VolumeRequest(backend.driver(), name, Map.of(), null, Mode.RW);
  }

  @Test
  void commandTaskNoRootfsWithVolumesCheckpointsMountsAndCleansUp() throws Exception {
    PrepareResult prepared = agent().prepare("c1", List.of(volume("vol1"), volume("vol2")));

    assertEquals("{\"volumes\":[{\"driver\":\"" + backend.driver() + "\",\"name\":\"vol1\"},{\"driver\":\""
        + backend.driver() + "\",\"name\":\"vol2\"}]}", Files.readString(checkpoints.resolve("c1/volumes")));
    assertTrue(Path.of(prepared.hostPath(backend.driver(), "vol1")).isAbsolute());
    assertTrue(backend.isMounted("vol1") && backend.isMounted("vol2"));

    CleanupResult cleaned = agent().cleanup("c1");

    assertEquals(List.of(backend.driver() + "/vol1", backend.driver() + "/vol2"), cleaned.unmounted());
    assertFalse(backend.isMounted("vol1") || backend.isMounted("vol2"));
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
    agent().prepare("live", List.of(volume("kept"), volume("shared")));
    agent().prepare("gone", List.of(volume("orphaned"), volume("shared")));

    RecoverResult recovered = agent().recover(Set.of("live"));

    assertEquals(List.of("live"), recovered.recovered());
    assertEquals(List.of("gone"), recovered.orphansCleanedUp());
    assertEquals(List.of(backend.driver() + "/orphaned"), recovered.unmounted());
    assertTrue(recovered.succeeded());
    assertTrue(backend.isMounted("kept") && backend.isMounted("shared"), "live container's volumes stay");
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
  void anUnmountThatFailedIsDoneWhenTheNextContainerUsingTheVolumeIsCleanedUp() throws Exception {
    agent().prepare("c1", List.of(volume("sticky")));
    backend.breakUnmounts("sticky");
    assertThrows(IsolatorException.class, () -> agent().cleanup("c1"));
    backend.repair("sticky");

    agent().prepare("c2", List.of(volume("sticky")));
    CleanupResult second = agent().cleanup("c2");

    assertEquals(List.of(backend.driver() + "/sticky"), second.unmounted());
    assertFalse(backend.isMounted("sticky"));
    assertEquals(Map.of(), agent().status().released(), "c1's failed unmount is settled too");
  }

  @Test
  void recoverRetriesAnUnmountThatFailedBeforeTheRestart() throws Exception {
    agent().prepare("c1", List.of(volume("sticky")));
    backend.breakUnmounts("sticky");
    assertThrows(IsolatorException.class, () -> agent().cleanup("c1"));
    backend.repair("sticky");

    RecoverResult recovered = agent().recover(Set.of());

    assertEquals(List.of(backend.driver() + "/sticky"), recovered.unmounted());
    assertFalse(backend.isMounted("sticky"));
  }

  @Test
  void aFailedMountUndoesThisPreparesMountsAndNamesTheVolumeThatFailed() throws Exception {
    agent().prepare("other", List.of(volume("shared")));
    backend.breakMounts("broken");

    IsolatorException e = assertThrows(IsolatorException.class,
        () -> agent().prepare("c1", List.of(volume("fresh"), volume("shared"), volume("broken"))));

    String last = e.getMessage().lines().reduce((x, y) -> y).orElseThrow();
    assertTrue(last.startsWith("Failed to mount volume '" + backend.driver() + "/broken': "), last);
    assertTrue(last.endsWith("(container 'c1' was not prepared; undone)"), last);
    assertFalse(backend.isMounted("fresh"), "this prepare's own mount is undone");
    assertTrue(backend.isMounted("shared"), "a volume another container uses stays mounted");
    assertFalse(Files.exists(checkpoints.resolve("c1")));
    assertEquals(Map.of(), agent().status().released(), "'other' holds its own mount of 'shared'");
  }

  @Test
  void preparingAContainerTwiceIsRefusedAndKeepsTheFirstRecord() throws Exception {
    agent().prepare("c1", List.of(volume("vol1")));

    IsolatorException e = assertThrows(IsolatorException.class, () -> agent().prepare("c1", List.of(volume("vol2"))));

    assertEquals("Failed to prepare container 'c1': it is already prepared (clean it up first)", e.getMessage());
    assertTrue(backend.isMounted("vol1"));
    assertEquals(List.of(backend.driver() + "/vol1"), agent().status().containers().get(0).volumes());
  }

  @Test
  void cleaningUpAnUnknownContainerSucceedsAndDoesNothing() throws Exception {
    CleanupResult result = agent().cleanup("never-prepared");

    assertEquals(List.of(), result.unmounted());
  }
}
