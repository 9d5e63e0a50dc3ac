package io.dvdcli.localplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.localplugin.http.ServerJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names sent over the wire that try to reach outside the state root change nothing anywhere. */
class HostileNamesTest {
  @TempDir Path tmp;
  private LocalVolumePlugin plugin;
  private UnixHttpClient client;

  @BeforeEach
  void start() throws Exception {
    plugin = LocalVolumePlugin.start(tmp.resolve("local.sock"), tmp.resolve("state/root"));
    client = UnixHttpClient.unix(tmp.resolve("local.sock"));
  }

  @AfterEach
  void stop() throws Exception {
    plugin.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", ".", "..", "../escaped", "../../etc", "/abs", "a/b", "..\\escaped", "nul\u0000byte", "new\nline", "tab\tname", "esc\u001b[31m"})
  void everyCallRefusesTheNameAndNothingIsCreatedOutsideTheRoot(String name) throws Exception {
    String n = ServerJson.MAPPER.writeValueAsString(name);
    for (String[] call :
        new String[][] {
          {"VolumeDriver.Create", "{\"Name\":" + n + ",\"Opts\":{}}"},
          {"VolumeDriver.Mount", "{\"Name\":" + n + ",\"ID\":\"a\"}"},
          {"VolumeDriver.Path", "{\"Name\":" + n + "}"},
          {"VolumeDriver.Get", "{\"Name\":" + n + "}"},
          {"VolumeDriver.Unmount", "{\"Name\":" + n + ",\"ID\":\"a\"}"},
          {"VolumeDriver.Remove", "{\"Name\":" + n + "}"}
        }) {
      UnixHttpClient.Response response = client.post(call[0], call[1]);
      assertEquals(500, response.status(), () -> call[0] + " " + response);
      Map<?, ?> err = ServerJson.MAPPER.readValue(response.body(), Map.class);
      assertTrue(err.get("Err").toString().startsWith("Failed to "), response::body);
    }
    assertEquals(Set.of(), plugin.volumes());
    try (Stream<Path> all = Files.walk(tmp)) {
      assertEquals(
          Set.of(tmp, tmp.resolve("local.sock"), tmp.resolve("state"), tmp.resolve("state/root"),
              tmp.resolve("state/root/volumes"), tmp.resolve("state/root/state.json")),
          Set.copyOf(all.toList()));
    }
  }
}
