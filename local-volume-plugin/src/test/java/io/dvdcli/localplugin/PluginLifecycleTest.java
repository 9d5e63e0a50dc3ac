package io.dvdcli.localplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting, stopping and restarting the plugin, and what happens to its socket file. */
@SuppressWarnings("try") // a plugin opened only to be running while the test talks to it
class PluginLifecycleTest {
  @TempDir Path tmp;

  @Test
  void aRestartedPluginStillKnowsItsVolumesOptionsAndMountIds() throws Exception {
    Path socket = tmp.resolve("local.sock");
    Path root = tmp.resolve("root");
    try (LocalVolumePlugin plugin = LocalVolumePlugin.start(socket, root)) {
      UnixHttpClient client = UnixHttpClient.unix(socket);
      client.post("VolumeDriver.Create", "{\"Name\":\"v1\",\"Opts\":{\"size\":\"5\"}}");
      client.post("VolumeDriver.Mount", "{\"Name\":\"v1\",\"ID\":\"host-a\"}");
      client.post("VolumeDriver.Create", "{\"Name\":\"v2\"}");
    }
    try (LocalVolumePlugin plugin = LocalVolumePlugin.start(socket, root)) {
      assertEquals(Set.of("v1", "v2"), plugin.volumes());
      assertEquals(Set.of("host-a"), plugin.mountIds("v1"));
      assertEquals(Map.of("size", "5"), plugin.volume("v1").orElseThrow().options());
      UnixHttpClient client = UnixHttpClient.unix(socket);
      assertEquals(500, client.post("VolumeDriver.Remove", "{\"Name\":\"v1\"}").status());
      assertEquals(200, client.post("VolumeDriver.Unmount", "{\"Name\":\"v1\",\"ID\":\"host-a\"}").status());
      assertEquals(200, client.post("VolumeDriver.Remove", "{\"Name\":\"v1\"}").status());
    }
  }

  @Test
  void closeRemovesTheSocketFileAndKeepsTheState() throws Exception {
    Path socket = tmp.resolve("local.sock");
    LocalVolumePlugin plugin = LocalVolumePlugin.start(socket, tmp.resolve("root"));
    assertTrue(Files.exists(socket));
    plugin.close();
    assertFalse(Files.exists(socket));
    assertTrue(Files.exists(tmp.resolve("root/state.json")));
    plugin.close();
  }

  @Test
  void theSocketIsOpenToOwnerAndGroupOnly() throws Exception {
    Path socket = tmp.resolve("local.sock");
    try (LocalVolumePlugin plugin = LocalVolumePlugin.start(socket, tmp.resolve("root"))) {
      assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
      assertEquals(Path.of(socket.toString()), plugin.unixSocket().orElseThrow());
      assertEquals(List.of("unix://" + socket), plugin.addresses());
    }
  }

  @Test
  void theSocketsFolderIsCreatedWhenMissing() throws Exception {
    Path socket = tmp.resolve("run/docker/plugins/local.sock");
    try (LocalVolumePlugin plugin = LocalVolumePlugin.start(socket, tmp.resolve("root"))) {
      assertEquals(200, UnixHttpClient.unix(socket).post("Plugin.Activate", "").status());
    }
  }

  @Test
  void aStaleSocketFileLeftByADeadPluginIsReplaced() throws Exception {
    Path socket = tmp.resolve("local.sock");
    // A socket file nobody listens on, as a killed plugin leaves it.
    ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    dead.bind(UnixDomainSocketAddress.of(socket));
    dead.close();
    assertTrue(Files.exists(socket));
    try (LocalVolumePlugin plugin = LocalVolumePlugin.start(socket, tmp.resolve("root"))) {
      assertEquals(200, UnixHttpClient.unix(socket).post("Plugin.Activate", "").status());
    }
  }

  @Test
  void aSocketAnotherPluginServesOnIsNotTakenOver() throws Exception {
    Path socket = tmp.resolve("local.sock");
    try (LocalVolumePlugin first = LocalVolumePlugin.start(socket, tmp.resolve("one"))) {
      IOException e = assertThrows(IOException.class, () -> LocalVolumePlugin.start(socket, tmp.resolve("two")));
      assertEquals(
          "Failed to listen on socket '" + socket + "': another process is listening on it", e.getMessage());
      assertEquals(200, UnixHttpClient.unix(socket).post("Plugin.Activate", "").status());
    }
  }

  @Test
  void aFileThatIsNotASocketIsNotDeleted() throws Exception {
    Path notSocket = Files.writeString(tmp.resolve("local.sock"), "precious");
    IOException e = assertThrows(IOException.class, () -> LocalVolumePlugin.start(notSocket, tmp.resolve("root")));
    assertEquals(
        "Failed to listen on socket '" + notSocket + "': a file that is not a socket is in the way", e.getMessage());
    assertEquals("precious", Files.readString(notSocket));
  }

  @Test
  void aPluginCanServeOnASocketAndAPortAtOnce() throws Exception {
    Path socket = tmp.resolve("local.sock");
    PluginConfig config = PluginConfig.unixSocket(socket, tmp.resolve("root")).withTcpPort(0);
    try (LocalVolumePlugin plugin = LocalVolumePlugin.start(config)) {
      UnixHttpClient.unix(socket).post("VolumeDriver.Create", "{\"Name\":\"v1\"}");
      UnixHttpClient.tcp(plugin.tcpPort()).post("VolumeDriver.Mount", "{\"Name\":\"v1\",\"ID\":\"a\"}");
      assertEquals(Set.of("a"), plugin.mountIds("v1"));
      assertEquals(List.of("unix://" + socket, "tcp://127.0.0.1:" + plugin.tcpPort()), plugin.addresses());
    }
  }

  @Test
  void aPluginOnASocketOnlyHasNoTcpPort() throws Exception {
    try (LocalVolumePlugin plugin = LocalVolumePlugin.start(tmp.resolve("local.sock"), tmp.resolve("root"))) {
      assertThrows(IllegalStateException.class, plugin::tcpPort);
    }
  }

  @Test
  void theCallListenerHearsEveryCall() throws Exception {
    List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    Path socket = tmp.resolve("local.sock");
    PluginConfig config = PluginConfig.unixSocket(socket, tmp.resolve("root")).withOnCall(c -> heard.add(c.logLine()));
    try (LocalVolumePlugin plugin = LocalVolumePlugin.start(config)) {
      UnixHttpClient.unix(socket).post("VolumeDriver.Create", "{\"Name\":\"v1\"}");
    }
    assertEquals(List.of("VolumeDriver.Create v1 -> 200"), heard);
  }

  @Test
  void theReadOnlyStateReportsAbsentVolumesAsEmpty() throws Exception {
    try (LocalVolumePlugin plugin = LocalVolumePlugin.start(tmp.resolve("local.sock"), tmp.resolve("root"))) {
      assertEquals(Set.of(), plugin.volumes());
      assertEquals(Set.of(), plugin.mountIds("nope"));
      assertTrue(plugin.volume("nope").isEmpty());
      assertEquals(tmp.resolve("root/volumes/nope/_data"), plugin.mountpoint("nope"));
      assertEquals(tmp.resolve("root"), plugin.stateRoot());
    }
  }
}
