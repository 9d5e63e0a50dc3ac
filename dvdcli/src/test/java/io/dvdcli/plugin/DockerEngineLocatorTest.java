package io.dvdcli.plugin;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Managed plugins are looked up in the Docker engine's {@code GET /plugins}, served here by WireMock. */
class DockerEngineLocatorTest {
  private static final String PLUGINS = "[{\"Id\":\"5a2e0c5b8d7f4c1e9a3b\",\"Name\":\"rexray/ebs:latest\",\"Enabled\":true,"
      + "\"Config\":{\"Interface\":{\"Socket\":\"rexray.sock\",\"Types\":[{\"Capability\":\"volumedriver\"}]}}},"
      + "{\"Id\":\"0123456789abcdef0123\",\"Name\":\"vieux/sshfs:next\",\"Enabled\":false,"
      + "\"Config\":{\"Interface\":{\"Socket\":\"sshfs.sock\"}}},"
      + "{\"Id\":\"../../etc\",\"Name\":\"evil/plugin:latest\",\"Enabled\":true,"
      + "\"Config\":{\"Interface\":{\"Socket\":\"x.sock\"}}}]";

  private final Path sockets = Path.of("/run/docker/plugins");
  private WireMockServer engine;
  private DockerEngineLocator locator;

  @BeforeEach
  void start() {
    engine = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    engine.start();
    engine.stubFor(get(urlEqualTo("/plugins")).willReturn(okJson(PLUGINS)));
    locator = new DockerEngineLocator(URI.create("tcp://127.0.0.1:" + engine.port()), Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    engine.stop();
  }

  @Test
  void aManagedPluginsSocketIsUnderItsIdInTheSocketsFolder() throws Exception {
    PluginAddress a = locator.find("rexray/ebs", sockets);
    assertEquals(sockets.resolve("5a2e0c5b8d7f4c1e9a3b/rexray.sock"), a.socketPath());
    assertEquals(a.socketPath(), locator.find("rexray/ebs:latest", sockets).socketPath());
  }

  @Test
  void aDisabledPluginSaysHowToEnableIt() {
    PluginException e = assertThrows(PluginException.class, () -> locator.find("vieux/sshfs:next", sockets));
    assertTrue(e.getMessage().contains("docker plugin enable vieux/sshfs:next"), e.getMessage());
  }

  @Test
  void anIdThatIsNotHexCannotBecomeAPath() {
    PluginException e = assertThrows(PluginException.class, () -> locator.find("evil/plugin", sockets));
    assertEquals(PluginException.Kind.INVALID_SPEC, e.kind());
  }

  @Test
  void anUninstalledPluginIsNotFound() {
    assertEquals(PluginException.Kind.NOT_FOUND,
        assertThrows(PluginException.class, () -> locator.find("rexray/s3fs", sockets)).kind());
  }

  @Test
  void noEngineMeansManagedPluginsCannotBeFoundAndTheMessageSaysWhy() {
    DockerEngineLocator none = new DockerEngineLocator(URI.create("unix:///nonexistent/docker.sock"), Duration.ofSeconds(2));
    PluginException e = assertThrows(PluginException.class, () -> none.find("rexray/ebs", sockets));
    assertTrue(e.getMessage().contains("managed plugins are found through it"), e.getMessage());
  }
}
