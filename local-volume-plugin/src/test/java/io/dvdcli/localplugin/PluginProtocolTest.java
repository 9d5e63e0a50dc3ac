package io.dvdcli.localplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvdcli.localplugin.http.ServerJson;
import io.dvdcli.protocol.PluginProtocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every call of the protocol, over a real UNIX socket, as a client sees it. */
class PluginProtocolTest {
  @TempDir Path tmp;
  private LocalVolumePlugin plugin;
  private UnixHttpClient client;

  @BeforeEach
  void start() throws Exception {
    plugin = LocalVolumePlugin.start(tmp.resolve("local.sock"), tmp.resolve("root"));
    client = UnixHttpClient.unix(tmp.resolve("local.sock"));
  }

  @AfterEach
  void stop() throws Exception {
    plugin.close();
  }

  private static JsonNode json(UnixHttpClient.Response response) throws Exception {
    return ServerJson.MAPPER.readTree(response.body());
  }

  private UnixHttpClient.Response ok(String method, String body) throws Exception {
    UnixHttpClient.Response response = client.post(method, body);
    assertEquals(200, response.status(), () -> method + " answered " + response);
    assertEquals(PluginProtocol.MEDIA_TYPE, response.contentType());
    return response;
  }

  private String mountpoint(String name) {
    return tmp.resolve("root/volumes").resolve(name).resolve("_data").toAbsolutePath().toString();
  }

  @Test
  void activateWithAnEmptyBodyAnswersThatThePluginIsAVolumeDriver() throws Exception {
    assertEquals("{\"Implements\":[\"VolumeDriver\"]}", ok("Plugin.Activate", "").body());
  }

  @Test
  void capabilitiesAnswerLocalScope() throws Exception {
    assertEquals("{\"Capabilities\":{\"Scope\":\"local\"}}", ok("VolumeDriver.Capabilities", "{}").body());
    assertEquals("{\"Capabilities\":{\"Scope\":\"local\"}}", ok("VolumeDriver.Capabilities", "").body());
  }

  @Test
  void createAnswersAnEmptyObjectAndMakesTheVolumeDirectory() throws Exception {
    assertEquals("{}", ok("VolumeDriver.Create", "{\"Name\":\"v1\",\"Opts\":{\"size\":\"5\"}}").body());
    assertEquals(Set.of("v1"), plugin.volumes());
    assertTrue(Files.isDirectory(Path.of(mountpoint("v1"))));
    assertEquals(Map.of("size", "5"), plugin.volume("v1").orElseThrow().options());
  }

  @Test
  void createWithoutOptionsOrWithNullOptionsStoresNoOptions() throws Exception {
    ok("VolumeDriver.Create", "{\"Name\":\"a\"}");
    ok("VolumeDriver.Create", "{\"Name\":\"b\",\"Opts\":null}");
    assertEquals(Map.of(), plugin.volume("a").orElseThrow().options());
    assertEquals(Map.of(), plugin.volume("b").orElseThrow().options());
  }

  @Test
  void createOfAnExistingVolumeSucceedsAndKeepsItsFirstOptions() throws Exception {
    ok("VolumeDriver.Create", "{\"Name\":\"v1\",\"Opts\":{\"size\":\"5\"}}");
    Files.writeString(Path.of(mountpoint("v1"), "data"), "kept");
    ok("VolumeDriver.Create", "{\"Name\":\"v1\",\"Opts\":{\"size\":\"9\"}}");
    assertEquals(Map.of("size", "5"), plugin.volume("v1").orElseThrow().options());
    assertEquals("kept", Files.readString(Path.of(mountpoint("v1"), "data")));
  }

  @Test
  void mountAnswersTheAbsoluteDataDirectoryAndRecordsTheId() throws Exception {
    ok("VolumeDriver.Create", "{\"Name\":\"v1\"}");
    assertEquals(
        "{\"Mountpoint\":\"" + mountpoint("v1") + "\"}",
        ok("VolumeDriver.Mount", "{\"Name\":\"v1\",\"ID\":\"host-a\"}").body());
    assertEquals(Set.of("host-a"), plugin.mountIds("v1"));
  }

  @Test
  void mountingTwiceWithTheSameIdRecordsItOnce() throws Exception {
    ok("VolumeDriver.Create", "{\"Name\":\"v1\"}");
    ok("VolumeDriver.Mount", "{\"Name\":\"v1\",\"ID\":\"host-a\"}");
    ok("VolumeDriver.Mount", "{\"Name\":\"v1\",\"ID\":\"host-a\"}");
    assertEquals(Set.of("host-a"), plugin.mountIds("v1"));
    ok("VolumeDriver.Unmount", "{\"Name\":\"v1\",\"ID\":\"host-a\"}");
    assertEquals(Set.of(), plugin.mountIds("v1"));
  }

  @Test
  void unmountForgetsOnlyTheGivenId() throws Exception {
    ok("VolumeDriver.Create", "{\"Name\":\"v1\"}");
    ok("VolumeDriver.Mount", "{\"Name\":\"v1\",\"ID\":\"a\"}");
    ok("VolumeDriver.Mount", "{\"Name\":\"v1\",\"ID\":\"b\"}");
    assertEquals("{}", ok("VolumeDriver.Unmount", "{\"Name\":\"v1\",\"ID\":\"a\"}").body());
    assertEquals(Set.of("b"), plugin.mountIds("v1"));
  }

  @Test
  void pathAnswersTheMountpointEvenWhenTheVolumeIsNotMounted() throws Exception {
    ok("VolumeDriver.Create", "{\"Name\":\"v1\"}");
    assertEquals("{\"Mountpoint\":\"" + mountpoint("v1") + "\"}", ok("VolumeDriver.Path", "{\"Name\":\"v1\"}").body());
  }

  @Test
  void getDescribesTheVolumeWithItsMountIdsAndMaskedOptions() throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    ok("VolumeDriver.Create", "{\"Name\":\"v1\",\"Opts\":{\"size\":\"5\",\"password\":\"hunter2\"}}");
    ok("VolumeDriver.Mount", "{\"Name\":\"v1\",\"ID\":\"b\"}");
    ok("VolumeDriver.Mount", "{\"Name\":\"v1\",\"ID\":\"a\"}");
    UnixHttpClient.Response response = ok("VolumeDriver.Get", "{\"Name\":\"v1\"}");
    JsonNode volume = json(response).get("Volume");
    assertEquals("v1", volume.get("Name").asText());
    assertEquals(mountpoint("v1"), volume.get("Mountpoint").asText());
    Instant created = Instant.parse(volume.get("CreatedAt").asText());
    assertFalse(created.isBefore(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
    assertEquals("[\"a\",\"b\"]", volume.get("Status").get("mountIds").toString());
    assertEquals("{\"password\":\"********\",\"size\":\"5\"}", volume.get("Status").get("options").toString());
    assertFalse(response.body().contains("hunter2"));
    assertFalse(json(response).has("Err"));
  }

  @Test
  void listAnswersEveryVolumeWithItsMountpointSortedByName() throws Exception {
    assertEquals("{\"Volumes\":[]}", ok("VolumeDriver.List", "{}").body());
    ok("VolumeDriver.Create", "{\"Name\":\"b\"}");
    ok("VolumeDriver.Create", "{\"Name\":\"a\"}");
    assertEquals(
        "{\"Volumes\":[{\"Name\":\"a\",\"Mountpoint\":\"" + mountpoint("a") + "\"},"
            + "{\"Name\":\"b\",\"Mountpoint\":\"" + mountpoint("b") + "\"}]}",
        ok("VolumeDriver.List", "").body());
  }

  @Test
  void removeDeletesTheVolumeAndItsData() throws Exception {
    ok("VolumeDriver.Create", "{\"Name\":\"v1\"}");
    Files.writeString(Path.of(mountpoint("v1"), "data"), "x");
    assertEquals("{}", ok("VolumeDriver.Remove", "{\"Name\":\"v1\"}").body());
    assertEquals(Set.of(), plugin.volumes());
    assertFalse(Files.exists(tmp.resolve("root/volumes/v1")));
  }

  @Test
  void fieldNamesAreMatchedCaseInsensitivelyAndUnknownFieldsIgnoredAsGoDoes() throws Exception {
    ok("VolumeDriver.Create", "{\"name\":\"v1\",\"opts\":{\"k\":\"v\"},\"extra\":[1]}");
    ok("VolumeDriver.Mount", "{\"NAME\":\"v1\",\"id\":\"a\"}");
    assertEquals(Set.of("a"), plugin.mountIds("v1"));
  }

  @Test
  void everyAnsweredCallIsRecordedForAssertions() throws Exception {
    ok("VolumeDriver.Create", "{\"Name\":\"v1\"}");
    ok("VolumeDriver.Mount", "{\"Name\":\"v1\",\"ID\":\"a\"}");
    client.post("VolumeDriver.Get", "{\"Name\":\"nope\"}");
    var calls = plugin.calls();
    assertEquals(3, calls.size());
    assertEquals("VolumeDriver.Mount v1 id=a -> 200", calls.get(1).logLine());
    assertEquals(
        "VolumeDriver.Get nope -> 500 Failed to get volume 'nope': no such volume", calls.get(2).logLine());
  }

  @Test
  void theTcpVariantServesTheSameProtocolOnAnEphemeralLoopbackPort() throws Exception {
    try (LocalVolumePlugin tcp = LocalVolumePlugin.startTcp(0, tmp.resolve("tcp-root"))) {
      assertTrue(tcp.tcpPort() > 0);
      assertEquals(java.util.List.of("tcp://127.0.0.1:" + tcp.tcpPort()), tcp.addresses());
      UnixHttpClient overTcp = UnixHttpClient.tcp(tcp.tcpPort());
      assertEquals(200, overTcp.post("VolumeDriver.Create", "{\"Name\":\"t\"}").status());
      assertEquals(Set.of("t"), tcp.volumes());
    }
  }
}
