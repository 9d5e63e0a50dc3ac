package io.dvdcli.flexvolume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dvdcli.flexvolume.Kubelet.FlexVolume;
import io.dvdcli.flexvolume.Kubelet.Pod;
import io.dvdcli.localplugin.LocalVolumePlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the driver (launcher, JVM and all) at a named step ({@link PauseSeam}), then what kubelet
 * does next; each case of {@link FlexvolumeDriver}'s recovery list ends with nothing mounted and
 * the plugin holding no ID of the pod.
 */
class FlexvolumeCrashTest {
  @TempDir Path tmp;
  private FlexvolumeNode node;
  private LocalVolumePlugin plugin;

  @BeforeEach
  void start() throws Exception {
    assumeTrue(FlexvolumeNode.isRoot(), "bind mounts need root (CI runs as root)");
    node = new FlexvolumeNode(tmp, "localvol", Map.of());
    plugin = node.startReferencePlugin();
  }

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  /** Starts a mount that pauses after the plugin's Mount, and kills it there. */
  private Kubelet.Running killedAfterThePluginsMount(Pod pod, String volume) throws Exception {
    Kubelet paused = node.kubeletWith(Map.of(PauseSeam.VARIABLE, "mount:after-plugin-mount"));
    Kubelet.Running running = paused.startSetUp(pod, FlexVolume.of(volume, Map.of()));
    String id = "k8s-" + pod.uid() + "-" + volume;
    FlexvolumeNode.await("the plugin's Mount with " + id, () -> plugin.mountIds(volume).contains(id));
    running.kill9();
    return running;
  }

  @Test
  void killedBetweenThePluginsMountAndTheBindMountThenKubeletsRetryFinishesAndUnmountReleases() throws Exception {
    Pod pod = Pod.named("retry");
    Path dir = node.kubelet.podVolumeDir(pod, "v");

    Kubelet.Outcome killed = killedAfterThePluginsMount(pod, "v").finish();

    assertFalse(killed.ok(), "kubelet cannot read an answer from a killed driver: " + killed);
    assertTrue(Files.notExists(dir), "kubelet removed the folder after the failed mount");
    Kubelet.Outcome retried = node.kubelet.setUp(pod, FlexVolume.of("v", Map.of()));
    assertTrue(retried.ok(), retried.toString());
    assertTrue(node.isMountPoint(dir));
    assertEquals(Set.of("k8s-" + pod.uid() + "-v"), plugin.mountIds("v"));

    assertTrue(node.kubelet.tearDown(pod, "v").ok());
    assertEquals(Set.of(), plugin.mountIds("v"));
  }

  @Test
  void killedBetweenThePluginsMountAndTheBindMountThenAnUnmountOfTheFolderReleasesThePluginsMount() throws Exception {
    Pod pod = Pod.named("lost-node");
    Path dir = node.kubelet.podVolumeDir(pod, "v");
    Kubelet.Running running = killedAfterThePluginsMount(pod, "v");
    assertTrue(running.awaitExit(), "the killed call ended");
    // The node went down with it: kubelet never removed the folder, and tears it down after restart.

    Kubelet.Outcome unmounted = node.kubelet.tearDown(pod, "v");

    assertTrue(unmounted.ok(), unmounted.toString());
    assertEquals(Set.of(), plugin.mountIds("v"));
    assertTrue(Files.notExists(dir));
    assertEquals(Optional.empty(), node.records().find(dir.toString()));
  }

  @Test
  void killedBetweenThePluginsMountAndTheBindMountOfAPodThatIsGoneTheNextCallReleasesIt() throws Exception {
    Pod gone = Pod.named("gone");
    killedAfterThePluginsMount(gone, "v").finish();
    assertEquals(1, plugin.mountIds("v").size(), "the plugin still holds the killed call's mount");

    Pod other = Pod.named("other");
    assertTrue(node.kubelet.setUp(other, FlexVolume.of("w", Map.of())).ok());

    assertEquals(Set.of(), plugin.mountIds("v"), "a record whose folder kubelet removed is released");
    assertTrue(node.kubelet.tearDown(other, "w").ok());
  }

  @Test
  void killedBetweenTheUnbindAndThePluginsUnmountThenKubeletsRetryReleases() throws Exception {
    Pod pod = Pod.named("leaving");
    Path dir = node.kubelet.podVolumeDir(pod, "v");
    assertTrue(node.kubelet.setUp(pod, FlexVolume.of("v", Map.of())).ok());
    Kubelet paused = node.kubeletWith(Map.of(PauseSeam.VARIABLE, "unmount:after-unbind"));
    Kubelet.Running running = paused.startTearDown(pod, "v");
    FlexvolumeNode.await("the unbind", () -> !node.isMountPoint(dir));
    running.kill9();
    assertFalse(running.finish().ok());
    assertTrue(Files.exists(dir), "a failed unmount leaves the folder, so kubelet tries again");

    Kubelet.Outcome retried = node.kubelet.tearDown(pod, "v");

    assertTrue(retried.ok(), retried.toString());
    assertEquals(Set.of(), plugin.mountIds("v"));
    assertTrue(Files.notExists(dir));
  }
}
