package io.dvdcli.csi;

import static io.dvdcli.csi.CsiClient.mount;
import static io.dvdcli.csi.CsiClient.publish;
import static io.dvdcli.csi.CsiClient.publishEphemeral;
import static io.dvdcli.csi.CsiClient.unpublish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import csi.v1.Csi.CreateVolumeRequest;
import csi.v1.Csi.DeleteVolumeRequest;
import csi.v1.Csi.VolumeCapability.AccessMode;
import io.dvdcli.testsupport.peers.Mounts;
import io.dvdcli.testsupport.peers.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole life of a volume on real plugins, and the Docker plugin restarted under a publish:
 * rclone (real FUSE, refuses a repeated mount ID, forgets its mounts on a clean stop) and the
 * reference plugin (keeps its mount IDs across a restart).
 */
class PluginRestartAndRcloneTest {
  @TempDir
  Path tmp;

  private CsiServerProcess server(DockerPluginPeer peer) throws Exception {
    return CsiServerProcess.forPlugin(tmp.resolve("csi"), peer.socketsDir(), peer.driver(), tmp.resolve("state"),
        Map.of(), "--node-id", "n1");
  }

  private Path target(String pod) throws Exception {
    return Files.createDirectories(tmp.resolve("pods").resolve(pod).resolve("volumes/kubernetes.io~csi/pv")).resolve("mount");
  }

  @Test
  void anRcloneVolumeFromCreateToDeleteSharedByTwoPods() throws Exception {
    Prerequisites.assumeRoot("bind mounts onto pod folders");
    try (DockerPluginPeer rclone = DockerPluginPeer.rclone(tmp.resolve("peer"));
         CsiServerProcess server = server(rclone);
         CsiClient csi = new CsiClient(server.socket())) {
      String id = csi.controller().createVolume(CreateVolumeRequest.newBuilder().setName("pvc-r")
          .addVolumeCapabilities(mount(AccessMode.Mode.SINGLE_NODE_WRITER))
          .putParameters("volumedriver", "rclone").putAllParameters(rclone.options()).build()).getVolume().getVolumeId();
      assertEquals("rclone#pvc-r", id);
      Path first = target("pod-1");
      Path second = target("pod-2");
      try {
        csi.node().nodePublishVolume(publish(id, first));
        csi.node().nodePublishVolume(publish(id, first)); // rclone would refuse the same mount ID twice
        csi.node().nodePublishVolume(publish(id, second));
        assertEquals(Set.of("fuse.rclone"), Set.of(Mounts.all().stream().filter(m -> m.mountPoint().equals(first))
            .findFirst().orElseThrow().fsType()), "the pod sees rclone's FUSE mount");
        Files.writeString(first.resolve("from-pod-1.txt"), "shared");
        assertEquals("shared", Files.readString(second.resolve("from-pod-1.txt")));
        assertEquals(2, rclone.mountIds("pvc-r").size());

        csi.node().nodeUnpublishVolume(unpublish(id, first));
        assertEquals("shared", Files.readString(second.resolve("from-pod-1.txt")), "pod 2 still reads it");
        csi.node().nodeUnpublishVolume(unpublish(id, second));
        assertEquals(Set.of(), rclone.mountIds("pvc-r"));
        csi.controller().deleteVolume(DeleteVolumeRequest.newBuilder().setVolumeId(id).build());
        assertFalse(rclone.exists("pvc-r"));
        assertTrue(Files.exists(tmp.resolve("peer/remote/from-pod-1.txt")), "the data stays in the remote");
      } finally {
        Mounts.unmountAllUnder(tmp.resolve("pods"));
      }
    }
  }

  @Test
  void anInlineRcloneVolumeLivesAndDiesWithItsPod() throws Exception {
    Prerequisites.assumeRoot("bind mounts onto pod folders");
    try (DockerPluginPeer rclone = DockerPluginPeer.rclone(tmp.resolve("peer"));
         CsiServerProcess server = server(rclone);
         CsiClient csi = new CsiClient(server.socket())) {
      Path target = target("pod-inline");
      try {
        csi.node().nodePublishVolume(publishEphemeral("csi-0f1e2d", target,
            Map.of("volumedriver", "rclone", "remote", rclone.options().get("remote"))));
        assertTrue(rclone.exists("csi-0f1e2d"));
        Files.writeString(target.resolve("scratch.txt"), "tmp");
        csi.node().nodeUnpublishVolume(unpublish("csi-0f1e2d", target));
        assertFalse(rclone.exists("csi-0f1e2d"), "removed with its pod");
      } finally {
        Mounts.unmountAllUnder(tmp.resolve("pods"));
      }
    }
  }

  /**
   * The plugin restarted while a pod uses its volume: the unpublish still succeeds and releases
   * what the plugin holds. rclone unmounts everything and forgets the IDs on a clean stop (the pod
   * loses its data path, which is rclone's doing), so its Unmount answers "not mounted".
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reference", "rclone"})
  void theDockerPluginRestartedUnderAPublishStillUnpublishesCleanly(String which) throws Exception {
    Prerequisites.assumeRoot("bind mounts onto pod folders");
    try (DockerPluginPeer peer = which.equals("rclone") ? DockerPluginPeer.rclone(tmp.resolve("peer"))
            : DockerPluginPeer.reference(tmp.resolve("peer"));
         CsiServerProcess server = server(peer);
         CsiClient csi = new CsiClient(server.socket())) {
      peer.create("busy");
      String id = peer.driver() + "#busy";
      Path target = target("pod-r");
      try {
        csi.node().nodePublishVolume(publish(id, target));
        peer.restart();
        csi.node().nodeUnpublishVolume(unpublish(id, target));
        assertEquals(Set.of(), peer.mountIds("busy"));
        assertFalse(Files.exists(target));
        assertEquals(List.of(), Mounts.under(tmp.resolve("pods")));

        csi.node().nodePublishVolume(publish(id, target)); // the restarted plugin serves new publishes
        csi.node().nodeUnpublishVolume(unpublish(id, target));
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(e.getMessage() + "\nserver log:\n" + server.log(), e);
      } finally {
        Mounts.unmountAllUnder(tmp.resolve("pods"));
      }
    }
  }
}
