package io.dvdcli.plugin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.dvdcli.plugin.transport.PluginAddress;
import io.dvdcli.plugin.transport.PluginException;
import io.dvdcli.testsupport.peers.CapturedAnswers;
import io.dvdcli.testsupport.peers.HttpAnswer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Managed plugins are looked up in the Docker engine's {@code GET /plugins} and {@code GET /info},
 * served here by WireMock with answers captured from a real engine (test-support's resources
 * {@code io/dvdcli/captured/}); the real engine itself runs in {@code ManagedPluginPeerTest}.
 */
class DockerEngineLocatorTest {
  private final Path runtime = Path.of("/run/docker/plugins");
  private WireMockServer engine;
  private DockerEngine docker;
  private DockerEngineLocator locator;
  private String id;

  @BeforeEach
  void start() throws Exception {
    engine = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    engine.start();
    engine.stubFor(get(urlEqualTo("/plugins")).willReturn(okJson(captured("engine/plugins-enabled.http"))));
    engine.stubFor(get(urlEqualTo("/info")).willReturn(okJson(captured("engine/info-enabled.http"))));
    docker = new DockerEngine("tcp://127.0.0.1:" + engine.port(), Duration.ofSeconds(5));
    locator = new DockerEngineLocator(docker, runtime);
    id = docker.plugins().get(0).id();
  }

  @AfterEach
  void stop() {
    engine.stop();
  }

  /** The body of a real engine's answer (test-support's CapturedAnswers). */
  static String captured(String file) {
    return CapturedAnswers.load(file).body();
  }

  @Test
  void theEnginesTypesAreStringsAndAreRead() throws Exception {
    List<ManagedPlugin> plugins = docker.plugins();
    assertTrue(plugins.get(0).isVolumeDriver(), plugins.toString());
  }

  @Test
  void aManagedPluginsSocketIsUnderItsIdWhereTheEnginePutsIt() throws Exception {
    String name = docker.plugins().get(0).name();
    PluginAddress a = locator.find(name);
    assertEquals(runtime.resolve(id), a.socketPath().getParent());
    String untagged = name.replaceFirst(":latest$", "");
    assertEquals(a.socketPath(), locator.find(untagged).socketPath(), "no tag means latest");
  }

  @Test
  void pathsThePluginAnswersAreMappedToTheHostAsDockerMapsThem() throws Exception {
    String name = docker.plugins().get(0).name();
    PluginAddress a = locator.find(name);
    String root = docker.rootDir().toString();
    assertEquals(root + "/plugins/" + id + "/propagated-mount/v1", a.hostPath("/data/v1"));
    assertEquals(root + "/plugins/" + id + "/rootfs/etc/x", a.hostPath("/etc/x"));
  }

  @Test
  void aDisabledPluginFailsAtOnceAndSaysHowToEnableIt() throws Exception {
    engine.stubFor(get(urlEqualTo("/plugins")).willReturn(okJson(captured("engine/plugins-disabled.http"))));
    String name = docker.plugins().get(0).name();
    PluginException e = assertThrows(PluginException.class, () -> locator.find(name));
    assertEquals(PluginException.Kind.DISABLED, e.kind());
    assertTrue(e.getMessage().contains("docker plugin enable " + name), e.getMessage());
  }

  @Test
  void anIdThatIsNotHexCannotBecomeAPath() throws Exception {
    engine.stubFor(get(urlEqualTo("/plugins")).willReturn(okJson(
        captured("engine/plugins-enabled.http").replace(id, "../../etc"))));
    PluginException e = assertThrows(PluginException.class, () -> locator.find(
        docker.plugins().get(0).name()));
    assertEquals(PluginException.Kind.INVALID_SPEC, e.kind());
  }

  @Test
  void anUninstalledPluginIsNotFound() {
    assertEquals(PluginException.Kind.NOT_FOUND,
        assertThrows(PluginException.class, () -> locator.find("nobody/installed-this")).kind());
  }

  @Test
  void noEngineIsUnreachableAndTheMessageSaysWhyInOneLine() {
    DockerEngineLocator none = new DockerEngineLocator(
        new DockerEngine("unix:///nonexistent/docker.sock", Duration.ofSeconds(2)), runtime);
    PluginException e = assertThrows(PluginException.class, () -> none.find("rexray/ebs"));
    assertEquals(PluginException.Kind.UNREACHABLE, e.kind());
    assertTrue(e.getMessage().startsWith("no Docker engine answers at unix:///nonexistent/docker.sock"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void anEngineErrorIsTheEnginesMessage() {
    HttpAnswer refusal = CapturedAnswers.load("engine/plugins-bad-filter.http");
    engine.stubFor(get(urlEqualTo("/plugins")).willReturn(aResponse().withStatus(refusal.status())
        .withHeader("Content-Type", "application/json").withBody(refusal.body())));
    PluginException e = assertThrows(PluginException.class, () -> locator.find("rexray/ebs"));
    assertEquals(PluginException.Kind.REFUSED, e.kind());
    assertTrue(e.getMessage().contains("answered GET /plugins with HTTP 500: invalid character"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void anAnswerThatIsNotTheEnginesShapeIsABadAnswerInOneLine() {
    engine.stubFor(get(urlEqualTo("/plugins")).willReturn(okJson("{\"plugins\": [\n{}]}")));
    PluginException e = assertThrows(PluginException.class, () -> locator.find("rexray/ebs"));
    assertEquals(PluginException.Kind.BAD_ANSWER, e.kind());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    engine.stubFor(get(urlEqualTo("/plugins")).willReturn(okJson("[{\"Id\": ")));
    e = assertThrows(PluginException.class, () -> locator.find("rexray/ebs"));
    assertEquals(PluginException.Kind.BAD_ANSWER, e.kind());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }
}
