package io.dvdcli.testsupport.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The reference plugin as a managed plugin of a real engine: one engine and plugin for the class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(value = MountNamespaces.LOCK, mode = ResourceAccessMode.READ)
class ManagedPluginPeerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  private RealDockerEngine engine;
  private ManagedPluginPeer plugin;
  private final String name = "dvdcli-test/lvp-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  void startEngineAndPlugin() throws Exception {
    engine = RealDockerEngine.start(tmp.resolve("engine"));
    plugin = ManagedPluginPeer.createReferencePlugin(engine, name, tmp.resolve("plugin"));
  }

  @AfterAll
  void stop() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void theEngineListsThePluginEnabledWithItsTypesAsStringsAndItsSocketUnderItsId() throws Exception {
    HttpAnswer answer = engine.get("/v1.41/plugins");
    assertEquals(200, answer.status(), answer::toString);
    JsonNode listed = find(JSON.readTree(answer.body()), plugin.reference());
    assertEquals(plugin.id(), listed.get("Id").asText());
    assertTrue(listed.get("Enabled").asBoolean());
    JsonNode iface = listed.get("Config").get("Interface");
    assertEquals("docker.volumedriver/1.0", iface.get("Types").get(0).asText());
    assertTrue(iface.get("Types").get(0).isTextual());
    assertEquals(ManagedPluginPeer.SOCKET, iface.get("Socket").asText());
    assertEquals("/data", listed.get("Config").get("PropagatedMount").asText());

    assertEquals(Path.of("/run/docker/plugins", plugin.id(), ManagedPluginPeer.SOCKET), plugin.hostSocket());
    HttpAnswer activate = UnixHttp.pluginCall(plugin.hostSocket(), "Plugin.Activate", null);
    assertEquals(200, activate.status(), activate::toString);
    assertTrue(activate.body().contains("VolumeDriver"), activate::toString);
  }

  @Test
  void aVolumeMadeThroughTheEngineMountsAtAPathInsideThePluginThatTheHostSeesUnderPropagatedMount() throws Exception {
    CommandResult created = engine.docker("volume", "create", "-d", plugin.name(), "shared");
    assertTrue(created.ok(), created::toString);

    HttpAnswer mount = UnixHttp.pluginCall(plugin.hostSocket(), "VolumeDriver.Mount", "{\"Name\":\"shared\",\"ID\":\"raw-1\"}");
    assertEquals(200, mount.status(), mount::toString);
    String inside = JSON.readTree(mount.body()).get("Mountpoint").asText();
    assertTrue(inside.startsWith("/data/"), inside);
    Path onHost = plugin.hostPath(inside);
    assertEquals(engine.dataRoot().resolve("plugins").resolve(plugin.id()).resolve("propagated-mount"),
        onHost.getParent().getParent().getParent());
    assertTrue(Files.isDirectory(onHost), onHost + " does not exist on the host");

    Files.writeString(onHost.resolve("from-host.txt"), "written on the host\n", StandardCharsets.UTF_8);
    CommandResult seen = runInContainer("shared", "cat /vol/from-host.txt && echo from the container > /vol/back.txt");
    assertEquals("written on the host\n", seen.stdout(), seen::toString);
    assertEquals("from the container\n", Files.readString(onHost.resolve("back.txt")));

    HttpAnswer unmount = UnixHttp.pluginCall(plugin.hostSocket(), "VolumeDriver.Unmount", "{\"Name\":\"shared\",\"ID\":\"raw-1\"}");
    assertEquals(200, unmount.status(), unmount::toString);
  }

  @Test
  void aPathOutsidePropagatedMountIsSeenByTheHostUnderThePluginsRootfs() throws Exception {
    ManagedPluginPeer outside =
        ManagedPluginPeer.create(engine, "dvdcli-test/rootfs-state", tmp.resolve("plugin-rootfs"), ManagedPluginPeer.currentJava(),
            ManagedPluginPeer.testClassPath(), ManagedPluginPeer.REFERENCE_PLUGIN_MAIN, "/srv/state");
    try {
      CommandResult created = engine.docker("volume", "create", "-d", outside.name(), "in-rootfs");
      assertTrue(created.ok(), created::toString);
      HttpAnswer mount = UnixHttp.pluginCall(outside.hostSocket(), "VolumeDriver.Mount", "{\"Name\":\"in-rootfs\",\"ID\":\"raw-1\"}");
      String inside = JSON.readTree(mount.body()).get("Mountpoint").asText();
      assertTrue(inside.startsWith("/srv/state/"), inside);
      Path onHost = outside.hostPath(inside);
      assertEquals(engine.dataRoot().resolve("plugins").resolve(outside.id()).resolve("rootfs").resolve(inside.substring(1)), onHost);
      Files.writeString(onHost.resolve("from-host.txt"), "under rootfs\n", StandardCharsets.UTF_8);
      CommandResult seen = runInContainer("in-rootfs", "cat /vol/from-host.txt");
      assertEquals("under rootfs\n", seen.stdout(), seen::toString);
      UnixHttp.pluginCall(outside.hostSocket(), "VolumeDriver.Unmount", "{\"Name\":\"in-rootfs\",\"ID\":\"raw-1\"}");
      assertTrue(engine.docker("volume", "rm", "in-rootfs").ok());
    } finally {
      outside.remove();
    }
  }

  @Test
  void aDisabledPluginIsListedDisabledHasNoSocketAndComesBackWhenEnabled() throws Exception {
    plugin.disable();
    try {
      JsonNode listed = find(JSON.readTree(engine.get("/v1.41/plugins").body()), plugin.reference());
      assertFalse(listed.get("Enabled").asBoolean());
      assertFalse(Files.exists(plugin.hostSocket()));
      CommandResult refused = engine.docker("volume", "create", "-d", plugin.name(), "never");
      assertFalse(refused.ok());
      assertTrue(refused.stderr().contains("found but disabled"), refused::toString);
    } finally {
      plugin.enable();
    }
    assertTrue(find(JSON.readTree(engine.get("/v1.41/plugins").body()), plugin.reference()).get("Enabled").asBoolean());
    assertEquals(200, UnixHttp.pluginCall(plugin.hostSocket(), "Plugin.Activate", null).status());
  }

  private CommandResult runInContainer(String volume, String script) throws Exception {
    return ScratchContainer.run(engine, volume, script);
  }

  private static JsonNode find(JsonNode plugins, String reference) {
    for (JsonNode p : plugins) {
      if (reference.equals(p.get("Name").asText())) {
        return p;
      }
    }
    throw new AssertionError(reference + " not in " + plugins);
  }
}
