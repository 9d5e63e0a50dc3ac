package io.dvdcli.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dvdcli.shim.VolumeRequest.Mode;
import io.dvdcli.shim.host.MountTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle's rules where the stand-in dvdcli is the point: failing or hanging on demand, and
 * cheap enough to run many containers at once.
 */
class LifecycleRulesTest {
  @TempDir Path temp;
  FakeBackend backend;
  Path checkpoints;

  @BeforeEach
  void setUp() throws Exception {
    backend = new FakeBackend(temp.resolve("backend"));
    checkpoints = temp.resolve("checkpoints");
  }

  VolumeIsolator agent() {
    return agent(Duration.ofSeconds(30));
  }

  VolumeIsolator agent(Duration mountTimeout) {
    return new VolumeIsolator(IsolatorConfig.builder()
        .checkpointDir(checkpoints)
        .dvdcli(backend.dvdcli())
        .mountTimeout(mountTimeout)
        .unmountTimeout(Duration.ofSeconds(30))
        .build());
  }

  VolumeRequest volume(String name) {
    return new VolumeRequest(backend.driver(), name, Map.of(), null, Mode.RW);
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

  @Test
  void aMountThatTimesOutIsKilledAndUndoneBecauseItMayHaveMounted() throws Exception {
    backend.fake().toggle("hang-mount", "slow", true);

    // The limit is per call, so the quick mount must finish within it too: the fake's shell took up
    // to 2.1 s for a mount on a busy 2-core host (load 24). The hang costs this long.
    IsolatorException e = assertThrows(IsolatorException.class,
        () -> agent(Duration.ofSeconds(5)).prepare("c1", List.of(volume("quick"), volume("slow"))));

    String last = e.getMessage().lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(last.startsWith("Failed to mount volume 'fake/slow': dvdcli timed out after 5 s"), last);
    List<List<String>> calls = backend.fake().calls();
    assertEquals(List.of("unmount", "--volumedriver=fake", "--volumename=quick"), calls.get(2).subList(0, 3));
    assertEquals(List.of("unmount", "--volumedriver=fake", "--volumename=slow"), calls.get(3).subList(0, 3),
        "the killed mount's outcome is unknown, so it is unmounted too");
    assertFalse(backend.isMounted("quick"));
  }

  @Test
  void aMountThatDvdcliRefusedIsNotUnmountedOnRollback() throws Exception {
    backend.fake().toggle("fail-mount", "refused", true);

    assertThrows(IsolatorException.class, () -> agent().prepare("c1", List.of(volume("ok"), volume("refused"))));

    List<String> unmounted = backend.fake().calls().stream()
        .filter(c -> c.get(0).equals("unmount")).map(c -> c.get(2)).toList();
    assertEquals(List.of("--volumename=ok"), unmounted);
  }

  @Test
  void containersPreparedAndCleanedUpConcurrentlyUnmountTheSharedVolumeOnlyAfterTheLast() throws Exception {
    int containers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(containers);
    try {
      List<Callable<PrepareResult>> prepares = new ArrayList<>();
      for (int i = 0; i < containers; i++) {
        String id = "c" + i;
        prepares.add(() -> agent().prepare(id, List.of(volume("shared"), volume("own-" + id))));
      }
      for (Future<PrepareResult> f : pool.invokeAll(prepares)) {
        f.get();
      }
      List<Callable<CleanupResult>> cleanups = new ArrayList<>();
      for (int i = 1; i < containers; i++) {
        String id = "c" + i;
        cleanups.add(() -> agent().cleanup(id));
      }
      for (Future<CleanupResult> f : pool.invokeAll(cleanups)) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }

    assertTrue(backend.isMounted("shared"), "c0 still uses it");
    assertEquals(Map.of("fake/shared", List.of("c0"), "fake/own-c0", List.of("c0")), agent().status().volumeUsers());
    for (int i = 1; i < containers; i++) {
      assertFalse(backend.isMounted("own-c" + i));
    }

    agent().cleanup("c0");

    assertFalse(backend.isMounted("shared"));
    long sharedUnmounts = backend.fake().calls().stream()
        .filter(c -> c.get(0).equals("unmount") && c.contains("--volumename=shared")).count();
    assertEquals(1, sharedUnmounts);
    assertEquals(Map.of(), agent().status().released());
  }

  @Test
  void aRelativeContainerPathIsCreatedInTheSandboxAndBindMountedWritable() throws Exception {
    assumeTrue(System.getProperty("user.name").equals("root"), "bind mounts need root");
    Path sandbox = java.nio.file.Files.createDirectories(temp.resolve("sandbox"));
    VolumeIsolator agent = new VolumeIsolator(agent().config().toBuilder().bindMounts(true).build());
    VolumeRequest relative = new VolumeRequest(backend.driver(), "rw-vol", Map.of(), "data/rw", Mode.RW);

    PrepareResult prepared = agent.prepare("c1", List.of(relative), new ContainerContext(sandbox, null));
    try {
      java.nio.file.Files.writeString(sandbox.resolve("data/rw/written"), "by the task");

      assertEquals(sandbox.resolve("data/rw").toString(), prepared.volumes().get(0).visibleAt());
      assertEquals("by the task", java.nio.file.Files.readString(
          Path.of(prepared.hostPath(backend.driver(), "rw-vol")).resolve("written")));
    } finally {
      agent.cleanup("c1");
    }

    assertFalse(MountTable.ofThisProcess().isMountPoint(sandbox.resolve("data/rw")));
    assertFalse(backend.isMounted("rw-vol"));
  }

  @Test
  void chownGivesTheHostPathToTheTaskUser() throws Exception {
    assumeTrue(System.getProperty("user.name").equals("root"), "chown needs root");
    VolumeIsolator agent = new VolumeIsolator(agent().config().toBuilder().chown(true).build());

    PrepareResult prepared = agent.prepare("c1", List.of(volume("owned")), new ContainerContext(null, "nobody"));

    assertEquals("nobody", java.nio.file.Files.getOwner(Path.of(prepared.hostPath("fake", "owned"))).getName());
    agent.cleanup("c1");
  }

  @Test
  void aBindMountThatFailsUndoesThePrepare() throws Exception {
    assumeTrue(System.getProperty("user.name").equals("root"), "bind mounts need root");
    VolumeIsolator agent = new VolumeIsolator(agent().config().toBuilder().bindMounts(true).build());
    Path notADirectory = temp.resolve("a-file");
    java.nio.file.Files.writeString(notADirectory, "");

    IsolatorException e = assertThrows(IsolatorException.class, () -> agent.prepare("c1",
        List.of(new VolumeRequest("fake", "v", Map.of(), notADirectory.toString(), Mode.RW))));

    assertTrue(e.getMessage().lines().reduce((a, b) -> b).orElseThrow().startsWith("Failed to bind-mount '"),
        e.getMessage());
    assertFalse(backend.isMounted("v"));
    assertEquals(List.of(), agent.status().containers());
  }
}
