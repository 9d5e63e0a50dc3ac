package io.dvdcli.flexvolume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.flexvolume.Kubelet.FlexVolume;
import io.dvdcli.flexvolume.Kubelet.Pod;
import io.dvdcli.testsupport.peers.CommandResult;
import io.dvdcli.testsupport.peers.ManagedPluginPeer;
import io.dvdcli.testsupport.peers.MountNamespaces;
import io.dvdcli.testsupport.peers.RealDockerEngine;
import io.dvdcli.testsupport.peers.ScratchContainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The driver for a managed (v2) plugin: the reference plugin made into one and enabled in a real
 * Docker engine (Debian's dockerd in a temp folder). The plugin answers paths inside itself; what the
 * pod sees must be the volume the engine's own containers see (a container of the engine reads what
 * the pod wrote). Needs root and dockerd; skipped,
 * saying why, without them.
 */
@ResourceLock(value = MountNamespaces.LOCK, mode = ResourceAccessMode.READ)
class FlexvolumeManagedPluginTest {
  @TempDir Path tmp;
  private RealDockerEngine engine;
  private FlexvolumeNode node;

  @BeforeEach
  void start() throws Exception {
    engine = RealDockerEngine.start(tmp.resolve("engine"));
  }

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void aPodMountsAManagedPluginsVolumeAtItsHostPathThroughTheDriverNamedWithoutSlashOrTag() throws Exception {
    String repo = "dvdcli-test/flex-" + UUID.randomUUID().toString().substring(0, 8);
    ManagedPluginPeer.createReferencePlugin(engine, repo, tmp.resolve("plugin"));
    node = new FlexvolumeNode(tmp.resolve("node"), repo + ":latest", Map.of("DOCKER_HOST", engine.dockerHost()));
    assertEquals("dvdcli~" + repo.replace('/', '-'), node.executable.getParent().getFileName().toString());
    Kubelet kubelet = node.kubelet;
    assertTrue(kubelet.probe().ok());
    Pod pod = Pod.named("web");
    Path dir = kubelet.podVolumeDir(pod, "site");

    Kubelet.Outcome mounted = kubelet.setUp(pod, FlexVolume.of("site", Map.of()));

    assertTrue(mounted.ok(), mounted.toString());
    Files.writeString(dir.resolve("index.html"), "hello from the pod\n");
    CommandResult seen = ScratchContainer.run(engine, "site", "cat /vol/index.html");
    assertEquals("hello from the pod\n", seen.stdout(), seen::toString);

    Kubelet.Outcome unmounted = kubelet.tearDown(pod, "site");

    assertTrue(unmounted.ok(), unmounted.toString());
    assertFalse(Files.exists(dir));
  }
}
