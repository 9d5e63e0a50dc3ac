package io.dvdcli.flexvolume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.flexvolume.Kubelet.FlexVolume;
import io.dvdcli.flexvolume.Kubelet.Pod;
import io.dvdcli.testsupport.peers.MountNamespaces;
import io.dvdcli.testsupport.peers.RclonePlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The installed driver, run as kubelet runs it, against rclone's Docker volume plugin: real FUSE
 * mounts made and removed by the plugin, real bind mounts into the pods' folders.
 */
@ResourceLock(value = MountNamespaces.LOCK, mode = ResourceAccessMode.READ_WRITE)
class FlexvolumeRcloneTest {
  @TempDir Path tmp;
  private FlexvolumeNode node;
  private RclonePlugin rclone;
  private Kubelet kubelet;
  private Path data;

  @BeforeEach
  void start() throws Exception {
    rclone = RclonePlugin.start(tmp.resolve("plugins")); // skips, saying why, without root, rclone or FUSE
    node = new FlexvolumeNode(tmp, "rclone", Map.of());
    kubelet = node.kubelet;
    data = Files.createDirectories(tmp.resolve("remote-data"));
  }

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      node.close(); // the pods' bind mounts first, then rclone's own
    }
    if (rclone != null) {
      rclone.close();
    }
  }

  private FlexVolume volume(String name) {
    return FlexVolume.of(name, Map.of("remote", RclonePlugin.localRemote(data)));
  }

  private boolean fuseMounted(String volume) throws IOException {
    return node.isMountPoint(rclone.baseDir().resolve(volume));
  }

  @Test
  void twoPodsShareAVolumeAndTheLastToLeaveEndsRclonesFuseMount() throws Exception {
    Pod first = Pod.named("first");
    Pod second = Pod.named("second");
    assertTrue(kubelet.setUp(first, volume("shared")).ok());
    Kubelet.Outcome secondMount = kubelet.setUp(second, volume("shared"));
    assertTrue(secondMount.ok(), secondMount.toString());
    Files.writeString(kubelet.podVolumeDir(first, "shared").resolve("a.txt"), "written by the first pod");
    assertTrue(fuseMounted("shared"));

    assertTrue(kubelet.tearDown(first, "shared").ok());

    assertTrue(fuseMounted("shared"), "the second pod still uses the volume");
    assertEquals("written by the first pod", Files.readString(kubelet.podVolumeDir(second, "shared").resolve("a.txt")));
    Files.writeString(kubelet.podVolumeDir(second, "shared").resolve("b.txt"), "and the second");

    assertTrue(kubelet.tearDown(second, "shared").ok());

    assertFalse(fuseMounted("shared"), "rclone ends its FUSE mount when the last ID is released");
    assertEquals("and the second", Files.readString(data.resolve("b.txt")), "the data is in the remote");
    assertEquals(java.util.List.of(), node.mountsBelow(tmp.resolve("kubelet")));
  }

  @Test
  void aReadOnlyVolumeOverFuseCannotBeWrittenByThePod() throws Exception {
    Pod pod = Pod.named("reader");
    assertTrue(kubelet.setUp(pod, volume("docs").asReadOnly()).ok());

    IOException refused = assertThrows(IOException.class,
        () -> Files.writeString(kubelet.podVolumeDir(pod, "docs").resolve("x"), "no"));

    assertTrue(refused.getMessage().contains("Read-only file system"), refused.getMessage());
    assertTrue(kubelet.tearDown(pod, "docs").ok());
    assertFalse(fuseMounted("docs"));
  }

  @Test
  void rclonesRefusalIsAFailureInItsWordsAndNothingStaysMounted() throws Exception {
    Pod pod = Pod.named("bad");
    Path dir = kubelet.podVolumeDir(pod, "v");

    Kubelet.Outcome mounted = kubelet.setUp(pod, FlexVolume.of("v", Map.of("remote", ":nosuchbackend:/x")));

    assertFalse(mounted.ok());
    assertTrue(mounted.message().contains("unknown filesystem type \"nosuchbackend\""), mounted.message());
    assertTrue(Files.notExists(dir));
    assertEquals(java.util.List.of(), node.mountsBelow(tmp));
    assertEquals(Optional.empty(), node.records().find(dir.toString()));
  }

  @Test
  void killedAfterRclonesMountTheRetryMountsAgainThoughRcloneRefusesASecondMountWithTheSameId() throws Exception {
    Pod pod = Pod.named("retry");
    Kubelet paused = node.kubeletWith(Map.of(PauseSeam.VARIABLE, "mount:after-plugin-mount"));
    Kubelet.Running running = paused.startSetUp(pod, volume("v"));
    FlexvolumeNode.await("rclone's FUSE mount", () -> fuseMounted("v"));
    running.kill9();
    assertFalse(running.finish().ok());

    Kubelet.Outcome retried = kubelet.setUp(pod, volume("v"));

    assertTrue(retried.ok(), retried.toString());
    assertTrue(kubelet.tearDown(pod, "v").ok());
    assertFalse(fuseMounted("v"), "no ID of the killed call is left holding the volume");
  }
}
