package io.dvdcli.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.shim.RecordingDvdcli.Failure;
import io.dvdcli.shim.VolumeRequest.Mode;
import io.dvdcli.shim.state.CheckpointPaths;
import io.dvdcli.shim.state.CheckpointStore;
import io.dvdcli.shim.state.DockerVolume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link VolumeIsolator} undoes, and what it must leave, when a step of prepare, cleanup or
 * recover fails: one test per rule, against stand-ins for dvdcli and the host that log every call
 * and fail on demand, so that these run without root. The real mounts are in {@link
 * LifecycleRulesTest} and {@link MesosScenariosTest}.
 */
class RollbackRulesTest {
  @TempDir Path temp;
  final CallLog log = new CallLog();
  final RecordingDvdcli dvdcli = new RecordingDvdcli(log);
  final RecordingHost host = new RecordingHost(log);
  Path checkpoints;

  @BeforeEach
  void setUp() {
    checkpoints = temp.resolve("checkpoints");
  }

  VolumeIsolator isolator() {
    return isolator(false, false);
  }

  VolumeIsolator withBindMounts() {
    return isolator(true, false);
  }

  VolumeIsolator isolator(boolean bindMounts, boolean chown) {
    IsolatorConfig config = IsolatorConfig.builder()
        .checkpointDir(checkpoints)
        .dvdcli(Path.of("/not/run/dvdcli"))
        .bindMounts(bindMounts)
        .chown(chown)
        .build();
    return new VolumeIsolator(config, dvdcli, host, StepHook.NONE);
  }

  static VolumeRequest volume(String name) {
    return new VolumeRequest("fake", name, Map.of(), null, Mode.RW);
  }

  /** A volume to be bind mounted at an absolute container path that exists, as the agent requires. */
  VolumeRequest boundVolume(String name, Mode mode) throws IOException {
    Files.createDirectories(temp.resolve("targets").resolve(name));
    return new VolumeRequest("fake", name, Map.of(), target(name), mode);
  }

  String target(String name) {
    return temp.resolve("targets").resolve(name).toString();
  }

  static String source(String name) {
    return RecordingDvdcli.hostPath(name);
  }

  IsolatorStatus status() throws IOException {
    return isolator().status();
  }

  List<String> recordedContainers() throws IOException {
    return status().containers().stream().map(IsolatorStatus.Container::containerId).toList();
  }

  static String lastLine(Exception e) {
    return e.getMessage().lines().reduce((a, b) -> b).orElseThrow();
  }

  // prepare

  @Test
  void aContainerIsRecordedBeforeDvdcliMountsItsFirstVolume() throws Exception {
    List<List<String>> recordedAtMount = new ArrayList<>();
    dvdcli.onMount(() -> {
      try {
        recordedAtMount.add(status().containers().get(0).volumes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });

    isolator().prepare("c1", List.of(volume("a")));

    assertEquals(List.of(List.of("fake/a")), recordedAtMount);
  }

  @Test
  void aMountDvdcliRefusedIsNotUndoneButTheVolumesMountedBeforeItAre() throws Exception {
    dvdcli.failMount("b", Failure.REFUSED);

    IsolatorException e = assertThrows(IsolatorException.class,
        () -> isolator().prepare("c1", List.of(volume("a"), volume("b"))));

    assertEquals(List.of("dvdcli mount fake/a", "dvdcli mount fake/b", "dvdcli unmount fake/a"), log.calls());
    assertTrue(lastLine(e).endsWith("(container 'c1' was not prepared; undone)"), e.getMessage());
    assertEquals(List.of(), recordedContainers());
    assertEquals(Map.of(), status().released());
  }

  @Test
  void aMountWhoseOutcomeIsUnknownIsUnmountedOnRollbackBecauseItMayHaveMounted() throws Exception {
    dvdcli.failMount("b", Failure.TIMED_OUT_AFTER_MOUNTING);

    assertThrows(IsolatorException.class, () -> isolator().prepare("c1", List.of(volume("a"), volume("b"))));

    assertEquals(List.of("dvdcli mount fake/a", "dvdcli mount fake/b", "dvdcli unmount fake/a",
        "dvdcli unmount fake/b"), log.calls());
    assertFalse(dvdcli.isMounted("b"));
    assertEquals(List.of(), recordedContainers());
    assertEquals(Map.of(), status().released());
  }

  @Test
  void aChownFailureUnmountsEveryVolumeThePrepareMounted() throws Exception {
    host.fail("chown " + source("a") + " nobody");

    assertThrows(IsolatorException.class, () -> isolator(false, true)
        .prepare("c1", List.of(volume("a"), volume("b")), new ContainerContext(null, "nobody")));

    assertEquals(List.of("dvdcli mount fake/a", "dvdcli mount fake/b", "chown " + source("a") + " nobody",
        "dvdcli unmount fake/a", "dvdcli unmount fake/b"), log.calls());
    assertEquals(List.of(), recordedContainers());
    assertEquals(Map.of(), status().released());
  }

  @Test
  void aBindMountIsRecordedBeforeItIsMadeSoThatACrashCannotLeaveAnUnknownOne() throws Exception {
    List<List<String>> recordedAtBind = new ArrayList<>();
    host.onBindMount(() -> {
      try {
        recordedAtBind.add(status().containers().get(0).bindMounts());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });

    withBindMounts().prepare("c1", List.of(boundVolume("a", Mode.RW)));

    assertEquals(List.of(List.of(target("a"))), recordedAtBind);
  }

  @Test
  void aBindMountThatFailsAfterDvdcliMountedTheVolumeUnmountsTheVolumeAgain() throws Exception {
    host.fail("bind-mount " + source("a") + " " + target("a"));

    assertThrows(IsolatorException.class, () -> withBindMounts().prepare("c1", List.of(boundVolume("a", Mode.RW))));

    assertEquals(List.of("dvdcli mount fake/a", "bind-mount " + source("a") + " " + target("a"),
        "dvdcli unmount fake/a"), log.calls(), "nothing is mounted at the target, so nothing is unmounted there");
    assertEquals(List.of(), recordedContainers());
    assertEquals(Map.of(), status().released());
  }

  @Test
  void aReadOnlyRemountThatFailsTakesTheBindMountAwayBeforeTheVolumeIsUnmounted() throws Exception {
    host.fail("make-read-only " + target("a"));

    assertThrows(IsolatorException.class, () -> withBindMounts().prepare("c1", List.of(boundVolume("a", Mode.RO))));

    assertEquals(List.of("dvdcli mount fake/a", "bind-mount " + source("a") + " " + target("a"),
        "make-read-only " + target("a"), "unmount " + target("a"), "dvdcli unmount fake/a"), log.calls());
    assertEquals(Set.of(), host.mountPoints());
    assertEquals(List.of(), recordedContainers());
  }

  @Test
  void aLaterBindMountFailureTakesTheEarlierBindMountsAwayInReverseOrderBeforeTheVolumesAreUnmounted()
      throws Exception {
    List<VolumeRequest> volumes = List.of(boundVolume("a", Mode.RW), boundVolume("b", Mode.RW), boundVolume("c", Mode.RW));
    host.fail("bind-mount " + source("c") + " " + target("c"));

    assertThrows(IsolatorException.class, () -> withBindMounts().prepare("c1", volumes));

    assertEquals(List.of("dvdcli mount fake/a", "dvdcli mount fake/b", "dvdcli mount fake/c",
        "bind-mount " + source("a") + " " + target("a"), "bind-mount " + source("b") + " " + target("b"),
        "bind-mount " + source("c") + " " + target("c"),
        "unmount " + target("b"), "unmount " + target("a"),
        "dvdcli unmount fake/a", "dvdcli unmount fake/b", "dvdcli unmount fake/c"), log.calls());
    assertEquals(Set.of(), host.mountPoints());
    assertEquals(List.of(), recordedContainers());
    assertEquals(Map.of(), status().released());
  }

  @Test
  void aBindMountThatCannotBeTakenAwayDuringRollbackKeepsTheContainerRecordedAndItsVolumesMounted()
      throws Exception {
    List<VolumeRequest> volumes = List.of(boundVolume("a", Mode.RW), boundVolume("b", Mode.RW));
    host.fail("bind-mount " + source("b") + " " + target("b"));
    host.fail("unmount " + target("a"));

    IsolatorException e = assertThrows(IsolatorException.class, () -> withBindMounts().prepare("c1", volumes));

    assertEquals(List.of("dvdcli mount fake/a", "dvdcli mount fake/b",
        "bind-mount " + source("a") + " " + target("a"), "bind-mount " + source("b") + " " + target("b"),
        "unmount " + target("a")), log.calls(), "no volume is unmounted under a bind mount of it");
    assertTrue(e.getMessage().contains("(the container stays recorded; run cleanup or recover)"), e.getMessage());
    assertTrue(lastLine(e).endsWith("what could not be undone is recorded for recover)"), e.getMessage());
    IsolatorStatus.Container kept = status().containers().get(0);
    assertEquals(List.of("fake/a", "fake/b"), kept.volumes());
    assertEquals(List.of(target("a"), target("b")), kept.bindMounts());
    assertTrue(dvdcli.isMounted("a") && dvdcli.isMounted("b"));
  }

  @Test
  void anUnmountThatFailsDuringRollbackStaysReleasedForRecover() throws Exception {
    dvdcli.failMount("b", Failure.REFUSED);
    dvdcli.failUnmounts("a");

    IsolatorException e = assertThrows(IsolatorException.class,
        () -> isolator().prepare("c1", List.of(volume("a"), volume("b"))));

    assertTrue(e.getMessage().startsWith("While undoing: Failed to unmount volume 'fake/a'"), e.getMessage());
    assertTrue(lastLine(e).endsWith("what could not be undone is recorded for recover)"), e.getMessage());
    assertEquals(List.of(), recordedContainers());
    assertEquals(Map.of("c1", List.of("fake/a")), status().released());

    dvdcli.repair("a");
    log.clear();
    RecoverResult recovered = isolator().recover(Set.of());

    assertEquals(List.of("dvdcli unmount fake/a"), log.calls());
    assertEquals(List.of("fake/a"), recovered.unmounted());
    assertEquals(Map.of(), status().released());
  }

  @Test
  void aVolumeAnotherContainerHasMountedIsLeftMountedWhenAPrepareFails() throws Exception {
    isolator().prepare("c1", List.of(volume("shared")));
    dvdcli.failMount("own", Failure.REFUSED);
    log.clear();

    assertThrows(IsolatorException.class, () -> isolator().prepare("c2", List.of(volume("shared"), volume("own"))));

    assertEquals(List.of("dvdcli mount fake/shared", "dvdcli mount fake/own"), log.calls());
    assertTrue(dvdcli.isMounted("shared"));
    assertEquals(List.of("c1"), recordedContainers());
    assertEquals(Map.of(), status().released(), "handed over to c1, whose cleanup will unmount it");
  }

  @Test
  void preparingAPreparedContainerAgainIsRefusedWithoutUndoingTheFirstPrepare() throws Exception {
    isolator().prepare("c1", List.of(volume("a")));
    log.clear();

    assertThrows(IsolatorException.class, () -> isolator().prepare("c1", List.of(volume("b"))));

    assertEquals(List.of(), log.calls());
    assertTrue(dvdcli.isMounted("a"));
    assertEquals(List.of("fake/a"), status().containers().get(0).volumes());
  }

  @Test
  void aContainerPathThatDoesNotExistIsRefusedBeforeAnythingIsRecordedOrMounted() throws Exception {
    VolumeRequest nowhere = new VolumeRequest("fake", "a", Map.of(), temp.resolve("absent").toString(), Mode.RW);

    assertThrows(IllegalArgumentException.class, () -> withBindMounts().prepare("c1", List.of(nowhere)));

    assertEquals(List.of(), log.calls());
    assertEquals(List.of(), recordedContainers());
  }

  // cleanup

  @Test
  void cleanupTakesTheBindMountsAwayInReverseOrderBeforeUnmountingTheVolumes() throws Exception {
    withBindMounts().prepare("c1", List.of(boundVolume("a", Mode.RW), boundVolume("b", Mode.RO)));
    log.clear();

    CleanupResult result = withBindMounts().cleanup("c1");

    assertEquals(List.of("unmount " + target("b"), "unmount " + target("a"),
        "dvdcli unmount fake/a", "dvdcli unmount fake/b"), log.calls());
    assertEquals(List.of("fake/a", "fake/b"), result.unmounted());
    assertEquals(List.of(), recordedContainers());
    assertEquals(Map.of(), status().released());
  }

  @Test
  void aBindMountThatCannotBeTakenAwayKeepsTheRecordAndUnmountsNoVolume() throws Exception {
    withBindMounts().prepare("c1", List.of(boundVolume("a", Mode.RW), boundVolume("b", Mode.RW)));
    host.fail("unmount " + target("a"));
    log.clear();

    IsolatorException e = assertThrows(IsolatorException.class, () -> withBindMounts().cleanup("c1"));

    assertEquals(List.of("unmount " + target("b"), "unmount " + target("a")), log.calls());
    assertTrue(lastLine(e).endsWith("(its record is kept; retry cleanup)"), e.getMessage());
    assertEquals(List.of("c1"), recordedContainers());
    assertEquals(Map.of(), status().released());
    assertTrue(dvdcli.isMounted("a") && dvdcli.isMounted("b"));
  }

  @Test
  void anUnmountThatFailsStaysReleasedAndTheNextCleanupRetriesIt() throws Exception {
    isolator().prepare("c1", List.of(volume("a")));
    dvdcli.failUnmounts("a");

    IsolatorException e = assertThrows(IsolatorException.class, () -> isolator().cleanup("c1"));

    assertTrue(lastLine(e).endsWith("(recorded; the next cleanup or recover retries it)"), e.getMessage());
    assertEquals(List.of(), recordedContainers());
    assertEquals(Map.of("c1", List.of("fake/a")), status().released());

    dvdcli.repair("a");
    log.clear();
    CleanupResult retried = isolator().cleanup("c1");

    assertEquals(List.of("dvdcli unmount fake/a"), log.calls());
    assertEquals(List.of("fake/a"), retried.unmounted());
    assertEquals(Map.of(), status().released());
  }

  @Test
  void aVolumeAnotherContainerHasMountedIsHandedOverToItInsteadOfUnmounted() throws Exception {
    isolator().prepare("c1", List.of(volume("shared")));
    isolator().prepare("c2", List.of(volume("shared")));
    log.clear();

    CleanupResult first = isolator().cleanup("c1");

    assertEquals(List.of(), log.calls());
    assertEquals(Map.of("fake/shared", List.of("c2")), first.stillInUse());
    assertEquals(Map.of(), status().released());

    isolator().cleanup("c2");

    assertEquals(List.of("dvdcli unmount fake/shared"), log.calls());
  }

  @Test
  void aVolumeWhoseOtherUserHasNotMountedItYetStaysReleasedBecauseThatMountMayStillFail() throws Exception {
    isolator().prepare("c1", List.of(volume("shared")));
    recordWithoutMounting("c2", "shared");
    log.clear();

    CleanupResult result = isolator().cleanup("c1");

    assertEquals(List.of(), log.calls());
    assertEquals(Map.of("fake/shared", List.of("c2")), result.stillInUse());
    assertEquals(Map.of("c1", List.of("fake/shared")), status().released());
  }

  @Test
  void theLastUserUnmountsTheVolumeOnceAndSettlesEveryReleasedRecordOfIt() throws Exception {
    isolator().prepare("c1", List.of(volume("shared")));
    recordWithoutMounting("c2", "shared");
    isolator().cleanup("c1");
    log.clear();

    CleanupResult last = isolator().cleanup("c2");

    assertEquals(List.of("dvdcli unmount fake/shared"), log.calls());
    assertEquals(List.of("fake/shared"), last.unmounted());
    assertEquals(Map.of(), status().released(), "c1's released record of it is settled too");
  }

  @Test
  void cleaningUpAnUnknownContainerCallsNothing() throws Exception {
    CleanupResult result = withBindMounts().cleanup("never-prepared");

    assertEquals(List.of(), log.calls());
    assertEquals(List.of(), result.unmounted());
  }

  // recover

  @Test
  void recoverLeavesLiveContainersAloneAndCleansUpOrphansButNotTheVolumesTheLiveOnesUse() throws Exception {
    withBindMounts().prepare("live", List.of(boundVolume("shared", Mode.RW)));
    withBindMounts().prepare("orphan", List.of(volume("shared"), boundVolume("own", Mode.RW)));
    log.clear();

    RecoverResult result = withBindMounts().recover(Set.of("live"));

    assertEquals(List.of("unmount " + target("own"), "dvdcli unmount fake/own"), log.calls());
    assertEquals(List.of("live"), result.recovered());
    assertEquals(List.of("orphan"), result.orphansCleanedUp());
    assertEquals(List.of("fake/own"), result.unmounted());
    assertEquals(Set.of(target("shared")), host.mountPoints());
    assertEquals(List.of("live"), recordedContainers());
    assertEquals(Map.of(), status().released());
  }

  @Test
  void recoverRetriesAnUnmountThatFailedBefore() throws Exception {
    isolator().prepare("c1", List.of(volume("a")));
    dvdcli.failUnmounts("a");
    assertThrows(IsolatorException.class, () -> isolator().cleanup("c1"));
    dvdcli.repair("a");
    log.clear();

    RecoverResult result = isolator().recover(Set.of());

    assertEquals(List.of("dvdcli unmount fake/a"), log.calls());
    assertEquals(List.of("fake/a"), result.unmounted());
    assertTrue(result.succeeded());
    assertEquals(Map.of(), status().released());
  }

  @Test
  void aRetriedUnmountThatFailsAgainStaysReleasedAndIsReportedAsAFailure() throws Exception {
    isolator().prepare("c1", List.of(volume("a")));
    dvdcli.failUnmounts("a");
    assertThrows(IsolatorException.class, () -> isolator().cleanup("c1"));
    log.clear();

    RecoverResult result = isolator().recover(Set.of());

    assertEquals(List.of("dvdcli unmount fake/a"), log.calls());
    assertEquals(1, result.failures().size());
    assertTrue(result.failures().get(0).startsWith("Failed to unmount volume 'fake/a'"), result.failures().toString());
    assertEquals(List.of(), result.unmounted());
    assertEquals(Map.of("c1", List.of("fake/a")), status().released());
  }

  @Test
  void anOrphanWhoseUnmountFailsIsTriedOnceInARecoverAndStaysReleased() throws Exception {
    isolator().prepare("c1", List.of(volume("a")));
    dvdcli.failUnmounts("a");
    log.clear();

    RecoverResult result = isolator().recover(Set.of());

    assertEquals(List.of("dvdcli unmount fake/a"), log.calls());
    assertEquals(1, result.failures().size());
    assertEquals(List.of(), result.orphansCleanedUp());
    assertEquals(List.of(), recordedContainers());
    assertEquals(Map.of("c1", List.of("fake/a")), status().released());
  }

  @Test
  void anOrphanWhoseBindMountCannotBeTakenAwayStaysRecordedAndTheOtherOrphansAreStillCleanedUp() throws Exception {
    withBindMounts().prepare("c1", List.of(boundVolume("a", Mode.RW)));
    withBindMounts().prepare("c2", List.of(volume("b")));
    host.fail("unmount " + target("a"));
    log.clear();

    RecoverResult result = withBindMounts().recover(Set.of());

    assertEquals(List.of("unmount " + target("a"), "dvdcli unmount fake/b"), log.calls());
    assertEquals(1, result.failures().size());
    assertTrue(result.failures().get(0).endsWith("(its record is kept; retry cleanup)"), result.failures().toString());
    assertEquals(List.of("c2"), result.orphansCleanedUp());
    assertEquals(List.of("fake/b"), result.unmounted());
    assertEquals(List.of("c1"), recordedContainers());
    assertTrue(dvdcli.isMounted("a"));
  }

  /** The state of a container whose prepare has checkpointed it but not yet mounted (or died there). */
  private void recordWithoutMounting(String containerId, String volume) throws IOException {
    new CheckpointStore(new CheckpointPaths(checkpoints)).write(containerId, List.of(new DockerVolume("fake", volume)));
  }
}
