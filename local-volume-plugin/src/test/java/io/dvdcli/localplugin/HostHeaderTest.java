package io.dvdcli.localplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every Host header real plugin clients send over a UNIX socket is accepted. */
class HostHeaderTest {
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

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "Host: \r\n", // Docker 20.10, as Debian 12 ships it
        "Host:\r\n",
        "Host: plugin.moby.localhost\r\n", // current Docker (Go >= 1.20.6)
        "Host: /run/docker/plugins/local.sock\r\n", // a socket path as Host
        "Host: %2Frun%2Fdocker%2Fplugins%2Flocal.sock\r\n",
        "Host: localhost\r\n" // curl --unix-socket
      })
  void activateAnswersWhateverHostAPluginClientSends(String hostLine) throws Exception {
    UnixHttpClient.Response response = client.send("POST", "/Plugin.Activate", hostLine, "");
    assertEquals(200, response.status(), response::toString);
    assertEquals("{\"Implements\":[\"VolumeDriver\"]}", response.body());
  }

  @Test
  void anHttp10RequestWithoutHostAsTypedIntoNcIsAnswered() throws Exception {
    UnixHttpClient.Response response =
        client.sendRaw("POST /VolumeDriver.List HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    assertEquals(200, response.status(), response::toString);
    assertEquals("{\"Volumes\":[]}", response.body());
  }
}
