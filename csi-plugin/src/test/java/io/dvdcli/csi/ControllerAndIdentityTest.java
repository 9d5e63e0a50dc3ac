package io.dvdcli.csi;

import static io.dvdcli.csi.CsiClient.assertStatus;
import static io.dvdcli.csi.CsiClient.mount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import csi.v1.Csi.CapacityRange;
import csi.v1.Csi.ControllerGetCapabilitiesRequest;
import csi.v1.Csi.ControllerServiceCapability;
import csi.v1.Csi.CreateVolumeRequest;
import csi.v1.Csi.CreateVolumeResponse;
import csi.v1.Csi.DeleteVolumeRequest;
import csi.v1.Csi.GetPluginCapabilitiesRequest;
import csi.v1.Csi.GetPluginInfoRequest;
import csi.v1.Csi.GetPluginInfoResponse;
import csi.v1.Csi.ListVolumesRequest;
import csi.v1.Csi.ListVolumesResponse;
import csi.v1.Csi.PluginCapability;
import csi.v1.Csi.ProbeRequest;
import csi.v1.Csi.Topology;
import csi.v1.Csi.TopologyRequirement;
import csi.v1.Csi.ValidateVolumeCapabilitiesRequest;
import csi.v1.Csi.ValidateVolumeCapabilitiesResponse;
import csi.v1.Csi.VolumeCapability.AccessMode;
import io.dvdcli.csi.volumes.VolumeId;
import io.dvdcli.localplugin.LocalVolumePlugin;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller and identity services against the reference plugin: CreateVolume is the plugin's
 * Create, DeleteVolume its Remove, ListVolumes its List, each with the spec's idempotency and codes.
 */
class ControllerAndIdentityTest {
  @TempDir
  static Path tmp;

  static Path sockets;
  static LocalVolumePlugin plugin;
  static CsiServerProcess server;
  static CsiClient csi;

  @BeforeAll
  static void start() throws Exception {
    sockets = Files.createDirectories(tmp.resolve("sockets"));
    plugin = LocalVolumePlugin.start(sockets.resolve("ref.sock"), tmp.resolve("ref"));
    server = CsiServerProcess.forPlugin(tmp.resolve("csi"), sockets, "ref", tmp.resolve("state"), Map.of(),
        "--retry-timeout", "1", "--node-id", "n-ctl");
    csi = new CsiClient(server.socket());
  }

  @AfterAll
  static void stop() throws Exception {
    if (csi != null) {
      csi.close();
    }
    if (server != null) {
      server.close();
    }
    if (plugin != null) {
      plugin.close();
    }
  }

  private static CreateVolumeRequest create(String name, long bytes, Map<String, String> parameters) {
    return CreateVolumeRequest.newBuilder()
        .setName(name)
        .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(bytes))
        .addVolumeCapabilities(mount(AccessMode.Mode.SINGLE_NODE_WRITER))
        .putAllParameters(parameters)
        .build();
  }

  @Test
  void createIsThePluginsCreateWithTheParametersAsOptionsAndIsIdempotentByName() {
    CreateVolumeResponse made = csi.controller().createVolume(create("pvc-1", 1 << 20,
        Map.of("colour", "green", "csi.storage.k8s.io/pvc/name", "data")));

    assertEquals("ref#pvc-1", made.getVolume().getVolumeId());
    assertEquals(List.of(Map.of(VolumeId.TOPOLOGY_KEY, "n-ctl")), made.getVolume().getAccessibleTopologyList().stream()
        .map(Topology::getSegmentsMap).toList(), "a local-scope plugin's volume lives on the node that made it");
    assertEquals(1 << 20, made.getVolume().getCapacityBytes());
    assertEquals(Map.of("colour", "green"), plugin.volume("pvc-1").orElseThrow().options(),
        "the provisioner's own keys are not plugin options; the capacity is not one unless asked");

    CreateVolumeResponse again = csi.controller().createVolume(create("pvc-1", 1 << 20,
        Map.of("colour", "green", "csi.storage.k8s.io/pvc/name", "data")));
    assertEquals(made.getVolume(), again.getVolume());

    String why = assertStatus(Status.Code.ALREADY_EXISTS,
        () -> csi.controller().createVolume(create("pvc-1", 2 << 20, Map.of("colour", "green"))));
    assertTrue(why.contains("capacity"), why);
  }

  @Test
  void theCapacityOptionCarriesTheRequestedBytesAndVolumedriverPicksThePlugin() {
    csi.controller().createVolume(create("pvc-sized", 5_000_000, Map.of("volumedriver", "ref", "capacityoption", "size")));
    assertEquals(Map.of("size", "5000000"), plugin.volume("pvc-sized").orElseThrow().options());

    String why = assertStatus(Status.Code.UNAVAILABLE,
        () -> csi.controller().createVolume(create("pvc-elsewhere", 0, Map.of("volumedriver", "no-such-plugin"))));
    assertTrue(why.contains("no-such-plugin"), why);
  }

  @Test
  void deleteRemovesAndIsIdempotentEvenForIdsNoPluginCouldHaveMade() {
    csi.controller().createVolume(create("pvc-del", 0, Map.of()));
    assertTrue(plugin.volumes().contains("pvc-del"));

    csi.controller().deleteVolume(DeleteVolumeRequest.newBuilder().setVolumeId("ref#pvc-del").build());
    assertFalse(plugin.volumes().contains("pvc-del"));
    csi.controller().deleteVolume(DeleteVolumeRequest.newBuilder().setVolumeId("ref#pvc-del").build());
    csi.controller().deleteVolume(DeleteVolumeRequest.newBuilder().setVolumeId("some-garbage-id").build());
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> csi.controller().deleteVolume(DeleteVolumeRequest.getDefaultInstance()));
  }

  @Test
  void listPagesThroughEveryVolumeAndRefusesATokenItNeverGave() {
    for (int i = 0; i < 5; i++) {
      csi.controller().createVolume(create("pvc-list-" + i, 0, Map.of()));
    }
    List<String> seen = new ArrayList<>();
    String token = "";
    do {
      ListVolumesResponse page = csi.controller().listVolumes(
          ListVolumesRequest.newBuilder().setMaxEntries(2).setStartingToken(token).build());
      assertTrue(page.getEntriesCount() <= 2);
      page.getEntriesList().forEach(e -> seen.add(e.getVolume().getVolumeId()));
      token = page.getNextToken();
    } while (!token.isEmpty());
    List<String> expected = plugin.volumes().stream().map(v -> "ref#" + v).sorted().collect(Collectors.toList());
    assertEquals(expected, seen);

    assertStatus(Status.Code.ABORTED,
        () -> csi.controller().listVolumes(ListVolumesRequest.newBuilder().setStartingToken("not-a-token").build()));
  }

  @Test
  void validateConfirmsMountAccessOnOneNodeOnlyForALocalPlugin() {
    csi.controller().createVolume(create("pvc-caps", 0, Map.of()));
    ValidateVolumeCapabilitiesResponse single = csi.controller().validateVolumeCapabilities(
        ValidateVolumeCapabilitiesRequest.newBuilder().setVolumeId("ref#pvc-caps")
            .addVolumeCapabilities(mount(AccessMode.Mode.SINGLE_NODE_WRITER)).build());
    assertTrue(single.hasConfirmed(), single.getMessage());

    ValidateVolumeCapabilitiesResponse multi = csi.controller().validateVolumeCapabilities(
        ValidateVolumeCapabilitiesRequest.newBuilder().setVolumeId("ref#pvc-caps")
            .addVolumeCapabilities(mount(AccessMode.Mode.MULTI_NODE_MULTI_WRITER)).build());
    assertFalse(multi.hasConfirmed());
    assertTrue(multi.getMessage().contains("global scope"), multi.getMessage());

    assertStatus(Status.Code.NOT_FOUND, () -> csi.controller().validateVolumeCapabilities(
        ValidateVolumeCapabilitiesRequest.newBuilder().setVolumeId("ref#never-made")
            .addVolumeCapabilities(mount(AccessMode.Mode.SINGLE_NODE_WRITER)).build()));
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> csi.controller().validateVolumeCapabilities(
        ValidateVolumeCapabilitiesRequest.newBuilder().setVolumeId("ref#pvc-caps").build()));
  }

  @Test
  void createRefusesWhatItCannotDo() {
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> csi.controller().createVolume(
        create("", 0, Map.of())));
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> csi.controller().createVolume(
        create("pvc-nocaps", 0, Map.of()).toBuilder().clearVolumeCapabilities().build()));
    assertStatus(Status.Code.OUT_OF_RANGE, () -> csi.controller().createVolume(create("pvc-range", 10, Map.of())
        .toBuilder().setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(10).setLimitBytes(5)).build()));
  }

  /** CSI names may have 128 characters (csi-sanity creates one); the volume id may not pass 128 bytes. */
  @Test
  void aNameTooLongForTheVolumeIdIsShortenedTheSameWayEveryTime() {
    String name = "pvc-" + "x".repeat(124);
    String id = csi.controller().createVolume(create(name, 0, Map.of())).getVolume().getVolumeId();
    assertTrue(id.startsWith("ref#pvc-xxx") && id.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 128, id);
    assertEquals(id, csi.controller().createVolume(create(name, 0, Map.of())).getVolume().getVolumeId());
    assertTrue(plugin.volumes().contains(id.substring("ref#".length())));
    csi.controller().deleteVolume(DeleteVolumeRequest.newBuilder().setVolumeId(id).build());
    assertFalse(plugin.volumes().contains(id.substring("ref#".length())));
  }

  @Test
  void aLocalPluginsVolumeCannotSpanNodesNorLiveOnAnotherNode() {
    String why = assertStatus(Status.Code.INVALID_ARGUMENT, () -> csi.controller().createVolume(
        create("pvc-rwx", 0, Map.of()).toBuilder().clearVolumeCapabilities()
            .addVolumeCapabilities(mount(AccessMode.Mode.MULTI_NODE_MULTI_WRITER)).build()));
    assertTrue(why.contains("global scope"), why);
    assertStatus(Status.Code.RESOURCE_EXHAUSTED, () -> csi.controller().createVolume(create("pvc-far", 0, Map.of())
        .toBuilder().setAccessibilityRequirements(TopologyRequirement.newBuilder()
            .addRequisite(Topology.newBuilder().putSegments(VolumeId.TOPOLOGY_KEY, "other-node"))).build()));
    assertFalse(plugin.volumes().contains("pvc-rwx") || plugin.volumes().contains("pvc-far"), "nothing created");
  }

  @Test
  void controllerCapabilitiesAreCreateDeleteAndList() {
    List<ControllerServiceCapability.RPC.Type> types = csi.controller()
        .controllerGetCapabilities(ControllerGetCapabilitiesRequest.getDefaultInstance())
        .getCapabilitiesList().stream().map(c -> c.getRpc().getType()).toList();
    assertEquals(List.of(ControllerServiceCapability.RPC.Type.CREATE_DELETE_VOLUME,
        ControllerServiceCapability.RPC.Type.LIST_VOLUMES), types);
  }

  @Test
  void identityNamesThePluginAdvertisesTheControllerAndProbesTheDockerPlugin() throws Exception {
    GetPluginInfoResponse info = csi.identity().getPluginInfo(GetPluginInfoRequest.getDefaultInstance());
    assertEquals(CsiMain.DEFAULT_NAME, info.getName());
    assertFalse(info.getVendorVersion().isEmpty());
    assertEquals(PluginCapability.Service.Type.CONTROLLER_SERVICE, csi.identity()
        .getPluginCapabilities(GetPluginCapabilitiesRequest.getDefaultInstance()).getCapabilities(0).getService().getType());
    assertTrue(csi.identity().probe(ProbeRequest.getDefaultInstance()).getReady().getValue());
  }

  /**
   * A plugin not there (yet) is not ready, so the sidecars wait for it; one that cannot serve (a
   * broken spec file) is FAILED_PRECONDITION with the reason.
   */
  @Test
  void aProbeWithoutItsDockerPluginIsNotReadyAndWithABrokenOneFailedPrecondition() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("lonely"));
    Path specs = Files.createDirectories(dir.resolve("specs"));
    Files.writeString(specs.resolve("broken.spec"), "not an address\n");
    try (CsiServerProcess lonely = CsiServerProcess.start(dir,
            List.of("--sockets-dir", Files.createDirectories(dir.resolve("empty")).toString(), "--specs-dirs",
                specs.toString(), "--state-dir", dir.resolve("state").toString(),
                "--volumedriver", "absent", "--retry-timeout", "0", "--mode", "node"),
            Map.of("DOCKER_HOST", "unix://" + dir.resolve("no-docker.sock")));
         CsiClient client = new CsiClient(lonely.socket())) {
      assertFalse(client.identity().probe(ProbeRequest.getDefaultInstance()).getReady().getValue());
      assertEquals(List.of(PluginCapability.Service.Type.VOLUME_ACCESSIBILITY_CONSTRAINTS), client.identity()
          .getPluginCapabilities(GetPluginCapabilitiesRequest.getDefaultInstance()).getCapabilitiesList().stream()
          .map(c -> c.getService().getType()).toList(), "a node-only server advertises no controller");
      assertStatus(Status.Code.UNIMPLEMENTED, () -> client.controller().createVolume(create("x", 0, Map.of())));
    }
    Path other = Files.createDirectories(tmp.resolve("broken"));
    try (CsiServerProcess broken = CsiServerProcess.start(other,
            List.of("--sockets-dir", Files.createDirectories(other.resolve("empty")).toString(), "--specs-dirs",
                specs.toString(), "--state-dir", other.resolve("state").toString(),
                "--volumedriver", "broken", "--retry-timeout", "0", "--mode", "node"),
            Map.of("DOCKER_HOST", "unix://" + other.resolve("no-docker.sock")));
         CsiClient client = new CsiClient(broken.socket())) {
      String why = assertStatus(Status.Code.FAILED_PRECONDITION, () -> client.identity().probe(ProbeRequest.getDefaultInstance()));
      assertTrue(why.contains("'broken'"), why);
    }
  }
}
