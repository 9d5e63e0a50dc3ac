package io.dvdcli.localplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dvdcli.localplugin.http.ServerJson;
import io.dvdcli.protocol.ErrorResponse;
import io.dvdcli.protocol.PluginProtocol;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Failures as a client sees them: refusals are 500 with {@code {"Err"}}, undecodable bodies 400
 * with {@code {"Err"}}, unknown paths Go's 404 text. Volume {@code used} exists and is mounted by
 * {@code host-a}; {@code idle} exists unmounted.
 */
class PluginErrorsTest {
  @TempDir Path tmp;
  private LocalVolumePlugin plugin;
  private UnixHttpClient client;

  @BeforeEach
  void start() throws Exception {
    plugin = LocalVolumePlugin.start(tmp.resolve("local.sock"), tmp.resolve("root"));
    client = UnixHttpClient.unix(tmp.resolve("local.sock"));
    client.post("VolumeDriver.Create", "{\"Name\":\"used\"}");
    client.post("VolumeDriver.Mount", "{\"Name\":\"used\",\"ID\":\"host-a\"}");
    client.post("VolumeDriver.Create", "{\"Name\":\"idle\"}");
  }

  @AfterEach
  void stop() throws Exception {
    plugin.close();
  }

  @ParameterizedTest(name = "{0} {1} -> {2} {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          VolumeDriver.Get     | {"Name":"nope"}               | 500 | Failed to get volume 'nope': no such volume
          VolumeDriver.Path    | {"Name":"nope"}               | 500 | Failed to find the path of volume 'nope': no such volume
          VolumeDriver.Mount   | {"Name":"nope","ID":"a"}      | 500 | Failed to mount volume 'nope': no such volume
          VolumeDriver.Unmount | {"Name":"nope","ID":"a"}      | 500 | Failed to unmount volume 'nope': no such volume
          VolumeDriver.Remove  | {"Name":"nope"}               | 500 | Failed to remove volume 'nope': no such volume
          VolumeDriver.Remove  | {"Name":"used"}               | 500 | Failed to remove volume 'used': it is still mounted by ID(s) host-a
          VolumeDriver.Unmount | {"Name":"used","ID":"host-b"} | 500 | Failed to unmount volume 'used': ID 'host-b' has not mounted it (it is mounted only by ID(s) host-a)
          VolumeDriver.Unmount | {"Name":"idle","ID":"host-a"} | 500 | Failed to unmount volume 'idle': ID 'host-a' has not mounted it (it is not mounted)
          VolumeDriver.Mount   | {"Name":"idle"}               | 500 | Failed to mount volume 'idle': the request has no mount ID (Docker 1.12 and later send one)
          VolumeDriver.Unmount | {"Name":"used","ID":""}       | 500 | Failed to unmount volume 'used': the request has no mount ID (Docker 1.12 and later send one)
          VolumeDriver.Create  | {"Name":""}                   | 500 | Failed to create volume '': the name is empty
          VolumeDriver.Create  | {"Name":"../etc"}             | 500 | Failed to create volume '../etc': the name must not contain '/' or '\\'
          VolumeDriver.Create  | {"Opts":{}}                   | 400 | Failed to decode VolumeDriver.Create request: Name is missing
          VolumeDriver.Mount   | {"ID":"a"}                    | 400 | Failed to decode VolumeDriver.Mount request: Name is missing
          VolumeDriver.Get     | ''                            | 400 | Failed to decode VolumeDriver.Get request: the body is empty
          VolumeDriver.Get     | null                          | 400 | Failed to decode VolumeDriver.Get request: the body is JSON null
          """)
  void refusalsAnswerErrWithTheVolumeAndTheReason(String method, String body, int status, String err)
      throws Exception {
    UnixHttpClient.Response response = client.post(method, body);
    assertEquals(status, response.status(), response::toString);
    assertEquals(PluginProtocol.MEDIA_TYPE, response.contentType());
    assertEquals(err, ServerJson.MAPPER.readValue(response.body(), ErrorResponse.class).err());
    assertEquals("{\"Err\":" + ServerJson.MAPPER.writeValueAsString(err) + "}", response.body());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          not json at all
          [1,2]
          "v1"
          {"Name":
          {"Name":{"a":1}}
          """)
  void aBodyThatIsNotTheRequestObjectIsABadRequestWithAClearErr(String body) throws Exception {
    UnixHttpClient.Response response = client.post("VolumeDriver.Create", body);
    assertEquals(400, response.status(), response::toString);
    String err = ServerJson.MAPPER.readValue(response.body(), ErrorResponse.class).err();
    assertEquals(
        "Failed to decode VolumeDriver.Create request: the body is not a JSON object of the protocol",
        err.substring(0, err.indexOf(':', err.indexOf("request:") + 9)),
        err);
  }

  @ParameterizedTest
  @CsvSource({"/VolumeDriver.Nope", "/", "/Plugin.Activate/extra", "/volumedriver.create"})
  void anUnknownPathIsGos404Text(String path) throws Exception {
    UnixHttpClient.Response response = client.send("POST", path, "{}");
    assertEquals(404, response.status());
    assertEquals("404 page not found\n", response.body());
  }

  @Test
  void aCallWithAnotherHttpMethodThanPostIsRefused() throws Exception {
    UnixHttpClient.Response response = client.send("GET", "/VolumeDriver.List", "");
    assertEquals(405, response.status());
    assertEquals("Failed to call VolumeDriver.List: use POST, not GET\n", response.body());
  }

  @Test
  void aRequestJettyRefusesBeforeThePluginIsAnsweredWithAnErrNotAnHtmlPage() throws Exception {
    UnixHttpClient.Response response = client.send("POST", "/Plugin.Activate", "", "");
    assertEquals(400, response.status());
    assertEquals(PluginProtocol.MEDIA_TYPE, response.contentType());
    assertEquals("{\"Err\":\"Failed to read the HTTP request: 400 No Host\"}", response.body());
  }

  @Test
  void refusedCallsChangeNothing() throws Exception {
    client.post("VolumeDriver.Remove", "{\"Name\":\"used\"}");
    client.post("VolumeDriver.Unmount", "{\"Name\":\"used\",\"ID\":\"host-b\"}");
    client.post("VolumeDriver.Create", "{\"Name\":\"../x\"}");
    assertEquals(Set.of("idle", "used"), plugin.volumes());
    assertEquals(Set.of("host-a"), plugin.mountIds("used"));
  }

  @Test
  void aBodyLargerThanAMebibyteIsRefused() throws Exception {
    String big = "{\"Name\":\"" + "x".repeat((1 << 20) + 10) + "\"}";
    UnixHttpClient.Response response = client.post("VolumeDriver.Create", big);
    assertEquals(400, response.status());
    assertEquals("Failed to read request body: the body is larger than 1048576 bytes\n", response.body());
  }
}
