package io.dvdcli.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.plugin.transport.PluginAddress;
import io.dvdcli.plugin.transport.PluginException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PluginDiscoveryTest {
  @TempDir Path tmp;
  private Path sockets;
  private Path etc;
  private Path lib;
  private final List<ServerSocketChannel> listeners = new ArrayList<>();
  private final List<String> managedAsked = new ArrayList<>();
  private PluginDiscovery discovery;

  @BeforeEach
  void folders() throws IOException {
    sockets = Files.createDirectories(tmp.resolve("run/docker/plugins"));
    etc = Files.createDirectories(tmp.resolve("etc/docker/plugins"));
    lib = Files.createDirectories(tmp.resolve("usr/lib/docker/plugins"));
    discovery = new PluginDiscovery(sockets, List.of(etc, lib), new ManagedPluginLocator() {
      @Override
      public PluginAddress find(String name) {
        managedAsked.add(name);
        Path socket = tmp.resolve("engine/abc123/p.sock");
        return new PluginAddress(name, URI.create("unix://" + socket), null, socket);
      }

      @Override
      public List<PluginDiscovery.Found> scan() {
        return List.of();
      }
    });
  }

  @AfterEach
  void close() throws IOException {
    for (ServerSocketChannel c : listeners) {
      c.close();
    }
  }

  private Path socket(Path p) throws IOException {
    Files.createDirectories(p.getParent());
    ServerSocketChannel c = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    c.bind(UnixDomainSocketAddress.of(p));
    listeners.add(c);
    return p;
  }

  private Path file(Path p, String content) throws IOException {
    Files.createDirectories(p.getParent());
    return Files.writeString(p, content);
  }

  @Test
  void aSocketNamedAfterThePluginIsFound() throws Exception {
    Path s = socket(sockets.resolve("rexray.sock"));
    PluginAddress a = discovery.find("rexray");
    assertEquals(URI.create("unix://" + s), a.uri());
    assertEquals(s, a.foundAt());
  }

  @Test
  void aSocketInAFolderNamedAfterThePluginIsFound() throws Exception {
    Path s = socket(sockets.resolve("rexray/rexray.sock"));
    assertEquals(s, discovery.find("rexray").socketPath());
  }

  @Test
  void theFlatSocketWinsOverTheNestedOne() throws Exception {
    Path flat = socket(sockets.resolve("p.sock"));
    socket(sockets.resolve("p/p.sock"));
    assertEquals(flat, discovery.find("p").socketPath());
  }

  @Test
  void aRegularFileNamedLikeASocketIsNotASocket() throws Exception {
    file(sockets.resolve("p.sock"), "not a socket");
    Path spec = file(etc.resolve("p.spec"), "tcp://127.0.0.1:8080");
    assertEquals(spec, discovery.find("p").foundAt());
  }

  @Test
  void socketsWinOverSpecFiles() throws Exception {
    Path s = socket(sockets.resolve("p.sock"));
    file(etc.resolve("p.spec"), "tcp://127.0.0.1:8080");
    assertEquals(s, discovery.find("p").foundAt());
  }

  @Test
  void specFilesAreReadInDockersOrder() throws Exception {
    file(lib.resolve("p.spec"), "tcp://127.0.0.1:1");
    file(etc.resolve("p/p.json"), "{\"Addr\":\"tcp://127.0.0.1:2\"}");
    assertEquals(etc.resolve("p/p.json"), discovery.find("p").foundAt(), "the first folder wins");
    file(etc.resolve("p.json"), "{\"Addr\":\"tcp://127.0.0.1:3\"}");
    assertEquals(etc.resolve("p.json"), discovery.find("p").foundAt(), "NAME.json before NAME/NAME.json");
    file(etc.resolve("p/p.spec"), "tcp://127.0.0.1:4");
    assertEquals(etc.resolve("p/p.spec"), discovery.find("p").foundAt(), ".spec before .json");
    file(etc.resolve("p.spec"), "tcp://127.0.0.1:5");
    assertEquals(URI.create("tcp://127.0.0.1:5"), discovery.find("p").uri());
  }

  @Test
  void aSpecFileMayNameAUnixSocketAnywhere() throws Exception {
    Path s = socket(tmp.resolve("elsewhere/x.sock"));
    file(etc.resolve("p.spec"), "unix://" + s + "\n");
    PluginAddress a = discovery.find("p");
    assertTrue(a.isUnixSocket());
    assertEquals(s, a.socketPath());
  }

  @Test
  void aSpecWithoutASchemeIsAnErrorNotAMiss() throws Exception {
    file(etc.resolve("p.spec"), "127.0.0.1:8080");
    PluginException e = assertThrows(PluginException.class, () -> discovery.find("p"));
    assertEquals(PluginException.Kind.INVALID_SPEC, e.kind());
    assertTrue(e.getMessage().contains("has no scheme"), e.getMessage());
  }

  @Test
  void aJsonSpecWithTlsConfigTurnsTcpIntoHttps() throws Exception {
    file(etc.resolve("p.json"), "{\"Name\":\"p\",\"Addr\":\"tcp://127.0.0.1:8443\","
        + "\"TLSConfig\":{\"InsecureSkipVerify\":false,\"CAFile\":\"/ca.pem\"}}");
    PluginAddress a = discovery.find("p");
    assertTrue(a.isTls());
    assertEquals(Path.of("/ca.pem"), a.tls().caFile());
    assertTrue(a.tls().verifiesServer());
  }

  @Test
  void aJsonSpecWithoutCaIsNotVerifiedAsInDocker() throws Exception {
    file(etc.resolve("p.json"), "{\"addr\":\"https://127.0.0.1:8443\",\"tlsconfig\":{}}");
    PluginAddress a = discovery.find("p");
    assertTrue(a.isTls());
    assertFalse(a.tls().verifiesServer());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "not json", "{\"Addr\":\"\"}", "{\"Addr\":\"ftp://x:1\"}",
      "{\"Addr\":\"tcp://h:1\",\"TLSConfig\":{\"CertFile\":\"/c.pem\"}}"})
  void anUnusableJsonSpecIsAnInvalidSpec(String json) throws Exception {
    file(etc.resolve("p.json"), json);
    assertEquals(PluginException.Kind.INVALID_SPEC,
        assertThrows(PluginException.class, () -> discovery.find("p")).kind());
  }

  @Test
  void aMissingPluginIsNotFoundAndTheMessageSaysWhereDvdcliLooked() {
    PluginException e = assertThrows(PluginException.class, () -> discovery.find("ghost"));
    assertEquals(PluginException.Kind.NOT_FOUND, e.kind());
    assertTrue(e.getMessage().contains(sockets.resolve("ghost.sock").toString()), e.getMessage());
    assertTrue(e.getMessage().contains(etc.toString()), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "../etc/passwd", "a/../../b", "/abs", "a b", "a;rm", "", ".hidden", "x\u0000y", "rexray/../../x"})
  void namesThatCouldLeaveThePluginFoldersAreRefused(String name) throws Exception {
    file(tmp.resolve("etc/passwd.spec"), "tcp://127.0.0.1:1");
    PluginException e = assertThrows(PluginException.class, () -> discovery.find(name));
    assertEquals(PluginException.Kind.INVALID_NAME, e.kind());
    assertTrue(managedAsked.isEmpty(), "the engine is not asked about an invalid name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rexray/ebs", "vieux/sshfs:latest", "registry.example.com:5000/org/plugin:1.2"})
  void managedPluginNamesAreAskedOfTheDockerEngineNotLookedForInTheSocketsFolder(String name) throws Exception {
    PluginAddress a = discovery.find(name);
    assertEquals(List.of(name), managedAsked);
    assertEquals(tmp.resolve("engine/abc123/p.sock"), a.socketPath());
  }

  @Test
  void aScanListsEveryPluginOnceWithTheWinningLocation() throws Exception {
    socket(sockets.resolve("a.sock"));
    socket(sockets.resolve("b/b.sock"));
    file(etc.resolve("a.spec"), "tcp://127.0.0.1:1");
    file(lib.resolve("c.json"), "{\"Addr\":\"tcp://127.0.0.1:2\"}");
    file(lib.resolve("bad.spec"), "nope");
    List<PluginDiscovery.Found> found = discovery.scan();
    assertEquals(List.of("a", "b", "bad", "c"), found.stream().map(PluginDiscovery.Found::name).toList());
    assertEquals(sockets.resolve("a.sock"), found.get(0).file());
    assertTrue(found.get(2).problem().isPresent());
    assertNull(found.get(2).address().orElse(null));
  }
}
