package io.dvdcli.csi;

import static io.dvdcli.csi.CsiClient.assertStatus;
import static io.dvdcli.csi.CsiClient.mount;
import static io.dvdcli.csi.CsiClient.publish;
import static io.dvdcli.csi.CsiClient.publishEphemeral;
import static io.dvdcli.csi.CsiClient.unpublish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import csi.v1.Csi.NodeGetCapabilitiesRequest;
import csi.v1.Csi.NodeGetInfoRequest;
import csi.v1.Csi.NodeGetInfoResponse;
import csi.v1.Csi.NodeGetVolumeStatsRequest;
import csi.v1.Csi.NodePublishVolumeRequest;
import csi.v1.Csi.NodeServiceCapability;
import csi.v1.Csi.VolumeCapability;
import csi.v1.Csi.VolumeCapability.AccessMode;
import csi.v1.Csi.VolumeUsage;
import io.dvdcli.csi.volumes.VolumeId;
import io.dvdcli.localplugin.LocalVolumePlugin;
import io.dvdcli.testsupport.peers.Mounts;
import io.dvdcli.testsupport.peers.Prerequisites;
import io.grpc.Status;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node service against the reference plugin, through a gRPC client on the real socket, with
 * real bind mounts (root). Each test uses its own volumes and targets on one shared server.
 */
class NodeOnReferencePluginTest {
  @TempDir
  static Path tmp;

  static LocalVolumePlugin plugin;
  static CsiServerProcess server;
  static CsiClient csi;
  static Path pods;

  @BeforeAll
  static void start() throws Exception {
    Prerequisites.assumeRoot("bind mounts onto pod folders");
    Path sockets = Files.createDirectories(tmp.resolve("sockets"));
    plugin = LocalVolumePlugin.start(sockets.resolve("ref.sock"), tmp.resolve("ref"));
    server = CsiServerProcess.forPlugin(tmp.resolve("csi"), sockets, "ref", tmp.resolve("state"), Map.of(),
        "--node-id", "node-7");
    csi = new CsiClient(server.socket());
    pods = Files.createDirectories(tmp.resolve("pods"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (csi != null) {
      csi.close();
    }
    if (server != null) {
      server.close();
    }
    Mounts.unmountAllUnder(tmp);
    if (plugin != null) {
      plugin.close();
    }
  }

  private static void createVolume(String name) throws Exception {
    assertEquals(200, io.dvdcli.testsupport.peers.UnixHttp.pluginCall(plugin.unixSocket().orElseThrow(),
        "VolumeDriver.Create", "{\"Name\":\"" + name + "\",\"Opts\":{}}").status());
  }

  /** kubelet's layout: pods/<uid>/volumes/kubernetes.io~csi/<pv>/mount, whose parent kubelet makes. */
  private static Path target(String pod, String pv) throws IOException {
    return Files.createDirectories(pods.resolve(pod).resolve("volumes/kubernetes.io~csi").resolve(pv)).resolve("mount");
  }

  @Test
  void publishBindsThePluginsFolderAndUnpublishReleasesItAndRemovesTheTarget() throws Exception {
    createVolume("data");
    Path target = target("pod-a", "pv-data");

    csi.node().nodePublishVolume(publish("ref#data", target));

    assertTrue(Mounts.isMountPoint(target), "target is a mount point");
    Files.writeString(target.resolve("hello.txt"), "hi");
    assertEquals("hi", Files.readString(plugin.mountpoint("data").resolve("hello.txt")));
    assertEquals(1, plugin.mountIds("data").size(), "one Mount ID held: " + plugin.mountIds("data"));

    csi.node().nodeUnpublishVolume(unpublish("ref#data", target));

    assertFalse(Files.exists(target), "the target is removed");
    assertEquals(Set.of(), plugin.mountIds("data"));
    assertTrue(server.log().contains("NodePublishVolume volume_id=ref#data target_path=" + target + " -> OK"),
        server.log());
  }

  @Test
  void publishAndUnpublishAreIdempotentAndARepublishWithOtherArgumentsIsAlreadyExists() throws Exception {
    createVolume("twice");
    Path target = target("pod-b", "pv-twice");

    csi.node().nodePublishVolume(publish("ref#twice", target));
    csi.node().nodePublishVolume(publish("ref#twice", target));
    assertEquals(1, plugin.mountIds("twice").size(), "the same publish mounts once");
    assertEquals(1, Mounts.all().stream().filter(m -> m.mountPoint().equals(target)).count(), "one bind mount");

    String why = assertStatus(Status.Code.ALREADY_EXISTS,
        () -> csi.node().nodePublishVolume(publish("ref#twice", target).toBuilder().setReadonly(true).build()));
    assertTrue(why.contains("other arguments"), why);

    csi.node().nodeUnpublishVolume(unpublish("ref#twice", target));
    csi.node().nodeUnpublishVolume(unpublish("ref#twice", target));
    assertEquals(Set.of(), plugin.mountIds("twice"));
  }

  @Test
  void oneVolumeAtTwoTargetsHoldsTwoMountIdsAndEachUnpublishReleasesOnlyItsOwn() throws Exception {
    createVolume("shared");
    Path first = target("pod-c1", "pv-shared");
    Path second = target("pod-c2", "pv-shared");

    csi.node().nodePublishVolume(publish("ref#shared", first));
    csi.node().nodePublishVolume(publish("ref#shared", second));
    assertEquals(2, plugin.mountIds("shared").size());

    csi.node().nodeUnpublishVolume(unpublish("ref#shared", first));
    assertEquals(1, plugin.mountIds("shared").size(), "the other pod's mount is kept");
    assertTrue(Mounts.isMountPoint(second));
    Files.writeString(second.resolve("still.txt"), "usable");

    csi.node().nodeUnpublishVolume(unpublish("ref#shared", second));
    assertEquals(Set.of(), plugin.mountIds("shared"));
  }

  @Test
  void aReadOnlyPublishCannotBeWrittenThrough() throws Exception {
    createVolume("ro");
    Path target = target("pod-d", "pv-ro");
    NodePublishVolumeRequest readOnly = publish("ref#ro", target).toBuilder()
        .setVolumeCapability(mount(AccessMode.Mode.SINGLE_NODE_READER_ONLY)).build();

    csi.node().nodePublishVolume(readOnly);

    FileSystemException refused = assertThrows(FileSystemException.class,
        () -> Files.writeString(target.resolve("x"), "no"));
    assertTrue(refused instanceof AccessDeniedException || String.valueOf(refused.getMessage()).contains("Read-only"),
        String.valueOf(refused));
    csi.node().nodeUnpublishVolume(unpublish("ref#ro", target));
  }

  @Test
  void aVolumeWithoutAPluginNameIsTheDefaultPluginsAndAMissingVolumeIsNotFound() throws Exception {
    createVolume("plain");
    Path target = target("pod-e", "pv-plain");
    csi.node().nodePublishVolume(publish("plain", target));
    assertEquals(1, plugin.mountIds("plain").size());
    csi.node().nodeUnpublishVolume(unpublish("plain", target));

    Path other = target("pod-e2", "pv-missing");
    assertStatus(Status.Code.NOT_FOUND, () -> csi.node().nodePublishVolume(publish("ref#never-created", other)));
    assertFalse(plugin.volumes().contains("never-created"), "a persistent volume is never created on publish");
    assertFalse(Files.exists(other), "no target left behind");
  }

  @Test
  void missingFieldsAndBlockAccessAreInvalidArguments() throws Exception {
    Path target = target("pod-f", "pv-bad");
    NodePublishVolumeRequest good = publish("ref#x", target);
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> csi.node().nodePublishVolume(good.toBuilder().clearVolumeId().build()));
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> csi.node().nodePublishVolume(good.toBuilder().clearTargetPath().build()));
    assertStatus(Status.Code.INVALID_ARGUMENT,
        () -> csi.node().nodePublishVolume(good.toBuilder().clearVolumeCapability().build()));
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> csi.node().nodePublishVolume(good.toBuilder()
        .setVolumeCapability(VolumeCapability.newBuilder().setBlock(VolumeCapability.BlockVolume.getDefaultInstance())
            .setAccessMode(AccessMode.newBuilder().setMode(AccessMode.Mode.SINGLE_NODE_WRITER)))
        .build()));
    assertStatus(Status.Code.INVALID_ARGUMENT,
        () -> csi.node().nodePublishVolume(good.toBuilder().setTargetPath("relative/mount").build()));
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> csi.node().nodeUnpublishVolume(unpublish("", target)));
    assertStatus(Status.Code.INVALID_ARGUMENT,
        () -> csi.node().nodeUnpublishVolume(unpublish("ref#x", target).toBuilder().clearTargetPath().build()));
  }

  @Test
  void anInlineEphemeralVolumeIsCreatedWithItsAttributesOnPublishAndRemovedOnUnpublish() throws Exception {
    Path target = target("pod-g", "inline");
    String id = "csi-4f5a0c2b9e";

    csi.node().nodePublishVolume(publishEphemeral(id, target, Map.of("colour", "blue")));
    assertTrue(plugin.volumes().contains(id), plugin.volumes().toString());
    assertEquals(Map.of("colour", "blue"), plugin.volume(id).orElseThrow().options(), "kubelet's keys are not options");

    csi.node().nodeUnpublishVolume(unpublish(id, target));
    assertFalse(plugin.volumes().contains(id), "removed with its pod");
  }

  @Test
  void aTargetMountedByAnotherHandIsNotTaken() throws Exception {
    createVolume("foreign");
    Path target = Files.createDirectories(target("pod-h", "pv-foreign"));
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    io.dvdcli.testsupport.peers.Commands.run(java.time.Duration.ofSeconds(10), "mount", "--bind", elsewhere.toString(),
        target.toString());
    try {
      assertStatus(Status.Code.ALREADY_EXISTS, () -> csi.node().nodePublishVolume(publish("ref#foreign", target)));
      assertEquals(Set.of(), plugin.mountIds("foreign"));
    } finally {
      Mounts.unmountAllUnder(target);
    }
  }

  @Test
  void statsAreThoseOfThePublishedFolderAndAnUnpublishedPathIsNotFound() throws Exception {
    createVolume("stats");
    Path target = target("pod-s", "pv-stats");
    csi.node().nodePublishVolume(publish("ref#stats", target));
    try {
      VolumeUsage usage = csi.node().nodeGetVolumeStats(NodeGetVolumeStatsRequest.newBuilder()
          .setVolumeId("ref#stats").setVolumePath(target.toString()).build()).getUsage(0);
      assertEquals(VolumeUsage.Unit.BYTES, usage.getUnit());
      assertEquals(Files.getFileStore(plugin.mountpoint("stats")).getTotalSpace(), usage.getTotal());
      assertTrue(usage.getAvailable() > 0 && usage.getUsed() >= 0, usage.toString());
      assertStatus(Status.Code.NOT_FOUND, () -> csi.node().nodeGetVolumeStats(NodeGetVolumeStatsRequest.newBuilder()
          .setVolumeId("ref#other").setVolumePath(target.toString()).build()));
      assertStatus(Status.Code.NOT_FOUND, () -> csi.node().nodeGetVolumeStats(NodeGetVolumeStatsRequest.newBuilder()
          .setVolumeId("ref#stats").setVolumePath("some/path").build()));
      assertStatus(Status.Code.INVALID_ARGUMENT, () -> csi.node().nodeGetVolumeStats(NodeGetVolumeStatsRequest.newBuilder()
          .setVolumeId("ref#stats").build()));
    } finally {
      csi.node().nodeUnpublishVolume(unpublish("ref#stats", target));
    }
    assertStatus(Status.Code.NOT_FOUND, () -> csi.node().nodeGetVolumeStats(NodeGetVolumeStatsRequest.newBuilder()
        .setVolumeId("ref#stats").setVolumePath(target.toString()).build()));
  }

  @Test
  void nettysNativeLibraryIsUnpackedInTheStateFolderNotTmp() {
    assertTrue(Files.isDirectory(tmp.resolve("state/native")), "a noexec /tmp must not stop the server");
  }

  @Test
  void nodeInfoAndCapabilities() {
    NodeGetInfoResponse info = csi.node().nodeGetInfo(NodeGetInfoRequest.getDefaultInstance());
    assertEquals("node-7", info.getNodeId());
    assertEquals(Map.of(VolumeId.TOPOLOGY_KEY, "node-7"), info.getAccessibleTopology().getSegmentsMap());
    assertEquals(List.of(NodeServiceCapability.RPC.Type.GET_VOLUME_STATS), csi.node()
        .nodeGetCapabilities(NodeGetCapabilitiesRequest.getDefaultInstance()).getCapabilitiesList().stream()
        .map(c -> c.getRpc().getType()).toList(), "no staging: the plugin's Mount IDs count the pods");
  }
}
