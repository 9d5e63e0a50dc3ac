package io.dvdcli.flexvolume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dvdcli.flexvolume.Kubelet.FlexVolume;
import io.dvdcli.flexvolume.Kubelet.Pod;
import io.dvdcli.localplugin.LocalVolumePlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed driver, run as kubelet runs it ({@link Kubelet}), against the reference plugin on a
 * real UNIX socket, with real bind mounts (root only: each test skips otherwise, saying why).
 */
class FlexvolumeReferencePluginTest {
  @TempDir Path tmp;
  private FlexvolumeNode node;
  private LocalVolumePlugin plugin;
  private Kubelet kubelet;

  @BeforeEach
  void start() throws Exception {
    assumeTrue(FlexvolumeNode.isRoot(), "bind mounts need root (CI runs as root)");
    node = new FlexvolumeNode(tmp, "localvol", Map.of());
    kubelet = node.kubelet;
  }

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  private void startPlugin() throws IOException {
    plugin = node.startReferencePlugin();
  }

  @Test
  void initSucceedsWithoutAttachWhileThePluginIsDown() throws Exception {
    Kubelet.Outcome init = kubelet.probe();
    assertTrue(init.ok(), init.toString());
    assertFalse(kubelet.capability("attach"));
    assertFalse(kubelet.capability("selinuxRelabel"));
    assertFalse(kubelet.capability("fsGroup"));
    assertFalse(kubelet.capability("requiresFSResize"));
    assertTrue(kubelet.capability("supportsMetrics"));
  }

  @Test
  void aPodsVolumeIsTheBindMountedPluginVolumeUntilUnmountReleasesIt() throws Exception {
    startPlugin();
    Pod pod = Pod.named("web");
    Path dir = kubelet.podVolumeDir(pod, "data");

    Kubelet.Outcome mounted = kubelet.setUp(pod, FlexVolume.of("data", Map.of("size", "5")));

    assertTrue(mounted.ok(), mounted.toString());
    assertTrue(node.isMountPoint(dir));
    Files.writeString(dir.resolve("hello.txt"), "from the pod");
    assertEquals("from the pod", Files.readString(plugin.mountpoint("data").resolve("hello.txt")));
    assertEquals(Set.of("k8s-" + pod.uid() + "-data"), plugin.mountIds("data"));

    Kubelet.Outcome unmounted = kubelet.tearDown(pod, "data");

    assertTrue(unmounted.ok(), unmounted.toString());
    assertTrue(Files.notExists(dir), "kubelet removes the folder after a successful unmount");
    assertEquals(Set.of(), plugin.mountIds("data"));
    assertEquals("from the pod", Files.readString(plugin.mountpoint("data").resolve("hello.txt")), "the volume keeps its data");
    assertEquals(Optional.empty(), node.records().find(dir.toString()));
  }

  @Test
  void twoPodsShareAVolumeAndOnlyTheLastToLeaveReleasesIt() throws Exception {
    startPlugin();
    Pod first = Pod.named("first");
    Pod second = Pod.named("second");
    assertTrue(kubelet.setUp(first, FlexVolume.of("shared", Map.of())).ok());
    assertTrue(kubelet.setUp(second, FlexVolume.of("shared", Map.of())).ok());
    assertEquals(2, plugin.mountIds("shared").size());

    assertTrue(kubelet.tearDown(first, "shared").ok());

    Path secondDir = kubelet.podVolumeDir(second, "shared");
    assertEquals(Set.of("k8s-" + second.uid() + "-shared"), plugin.mountIds("shared"));
    Files.writeString(secondDir.resolve("still.txt"), "here");
    assertEquals("here", Files.readString(plugin.mountpoint("shared").resolve("still.txt")));

    assertTrue(kubelet.tearDown(second, "shared").ok());
    assertEquals(Set.of(), plugin.mountIds("shared"));
  }

  @Test
  void aReadOnlyVolumeCannotBeWrittenThroughThePodsFolder() throws Exception {
    startPlugin();
    Pod pod = Pod.named("reader");
    Kubelet.Outcome mounted = kubelet.setUp(pod, FlexVolume.of("docs", Map.of()).asReadOnly());
    assertTrue(mounted.ok(), mounted.toString());

    Path dir = kubelet.podVolumeDir(pod, "docs");
    IOException refused = assertThrows(IOException.class, () -> Files.writeString(dir.resolve("x"), "no"));
    assertTrue(refused.getMessage().contains("Read-only file system"), refused.getMessage());
    Files.writeString(plugin.mountpoint("docs").resolve("x"), "the plugin's side stays writable");

    assertTrue(kubelet.tearDown(pod, "docs").ok());
  }

  @Test
  void createGetsTheUsersOptionsAndDecodedSecretsButNoKubernetesKeys() throws Exception {
    startPlugin();
    Pod pod = Pod.named("db");
    FlexVolume volume = new FlexVolume("pgdata", "ext4", false, Map.of("name", "pg-volume", "size", "16"),
        Map.of("password", "s3cret=="), 1000L);

    Kubelet.Outcome mounted = kubelet.setUp(pod, volume);

    assertTrue(mounted.ok(), mounted.toString());
    assertEquals(Map.of("size", "16", "password", "s3cret=="), plugin.volume("pg-volume").orElseThrow().options(),
        "option 'name' names the volume; kubernetes.io/* keys are kubelet's, not the plugin's");
    assertFalse(mounted.output().contains("s3cret"));
    assertTrue(kubelet.tearDown(pod, "pgdata").ok());
  }

  @Test
  void aPluginRefusalIsAFailureInThePluginsWordsAndLeavesNothingMounted() throws Exception {
    startPlugin();
    Pod pod = Pod.named("bad");
    Path dir = kubelet.podVolumeDir(pod, "v");

    Kubelet.Outcome mounted = kubelet.setUp(pod, FlexVolume.of("v", Map.of("name", "../escape")));

    assertFalse(mounted.ok());
    assertEquals(1, mounted.exitCode());
    assertTrue(mounted.error().startsWith("mount command failed, status: Failure, reason: Failed to mount volume '../escape'"),
        mounted.error());
    assertTrue(mounted.message().contains("the name must not contain"), mounted.message());
    assertTrue(Files.notExists(dir), "kubelet removed the folder: nothing was mounted on it");
    assertEquals(Set.of(), plugin.volumes());
    assertEquals(Optional.empty(), node.records().find(dir.toString()));
  }

  @Test
  void thePluginDownAtMountIsAFailureThatLeavesNoRecord() throws Exception {
    Pod pod = Pod.named("early");
    Path dir = kubelet.podVolumeDir(pod, "v");

    Kubelet.Outcome mounted = kubelet.setUp(pod, FlexVolume.of("v", Map.of()));

    assertFalse(mounted.ok());
    assertTrue(mounted.message().contains("no plugin named 'localvol'"), mounted.message());
    assertTrue(Files.notExists(dir));
    assertEquals(Optional.empty(), node.records().find(dir.toString()));
  }

  @Test
  void anUnknownCallIsNotSupportedAndKubeletStopsMakingIt() throws Exception {
    Kubelet.Outcome attach = kubelet.call("attach", "{\"kubernetes.io/fsType\":\"\"}", "node-1");
    assertEquals("Not supported", attach.error(), attach.toString());
    assertEquals("Not supported", attach.status().get("status").asText());
    assertFalse(kubelet.call("attach", "{}", "node-1").called(), "kubelet marks it unsupported");
    assertEquals("Not supported", kubelet.call("getvolumename", "{}").error());
  }

  @Test
  void unmountingAFolderThatIsNotMountedSucceeds() throws Exception {
    Pod pod = Pod.named("gone");
    Path dir = kubelet.podVolumeDir(pod, "v");
    Files.createDirectories(dir);

    Kubelet.Outcome unmounted = kubelet.tearDown(pod, "v");

    assertTrue(unmounted.ok(), unmounted.toString());
    assertTrue(Files.notExists(dir));
  }

  @Test
  void mountingAFolderThatIsAlreadyMountedSucceedsWithoutASecondMount() throws Exception {
    startPlugin();
    Pod pod = Pod.named("again");
    Path dir = kubelet.podVolumeDir(pod, "v");
    assertTrue(kubelet.setUp(pod, FlexVolume.of("v", Map.of())).ok());
    // A bind mount of a folder on the same file system: kubelet's device check misses it and calls again.
    assertTrue(Kubelet.isLikelyNotMountPoint(dir));

    Kubelet.Outcome again = kubelet.setUp(pod, FlexVolume.of("v", Map.of()));

    assertTrue(again.called() && again.ok(), again.toString());
    assertEquals(1, node.mountsBelow(dir.getParent()).size());
    assertTrue(kubelet.tearDown(pod, "v").ok());
    assertFalse(node.isMountPoint(dir));
  }
}
