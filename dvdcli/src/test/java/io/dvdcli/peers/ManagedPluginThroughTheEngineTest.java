package io.dvdcli.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvdcli.plugin.codec.PluginJson;
import io.dvdcli.testing.Dvdcli;
import io.dvdcli.testsupport.peers.CommandResult;
import io.dvdcli.testsupport.peers.ManagedPluginPeer;
import io.dvdcli.testsupport.peers.MountNamespaces;
import io.dvdcli.testsupport.peers.RealDockerEngine;
import io.dvdcli.testsupport.peers.ScratchContainer;
import io.dvdcli.testsupport.peers.UnixHttp;
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

/**
 * dvdcli, run as the agent runs it, against a real Docker engine (Debian's dockerd in a temp
 * folder) and a real managed (v2) plugin built from the reference plugin and enabled in it. The
 * engine's own answers, its socket layout and its path mapping are the test's oracle: what dvdcli
 * prints is what a container of the engine sees. Needs root and dockerd; skipped, saying why,
 * without them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(value = MountNamespaces.LOCK, mode = ResourceAccessMode.READ)
class ManagedPluginThroughTheEngineTest {
  @TempDir static Path tmp;
  private RealDockerEngine engine;
  private ManagedPluginPeer plugin;
  private Dvdcli agent;
  private final String repo = "dvdcli-test/ref-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  void startEngineAndPlugin() throws Exception {
    engine = RealDockerEngine.start(tmp.resolve("engine"));
    plugin = ManagedPluginPeer.createReferencePlugin(engine, repo, tmp.resolve("plugin"));
    // No legacy plugin anywhere: whatever is found comes from the engine.
    agent = new Dvdcli(Dvdcli.emptyDir(tmp, "sockets"), Dvdcli.emptyDir(tmp, "specs"))
        .env("DOCKER_HOST", engine.dockerHost());
  }

  @AfterAll
  void stop() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void mountPrintsTheHostPathThatAContainerOfTheEngineSeesUntaggedOrTagged() throws Exception {
    Dvdcli.Result mounted = agent.run("mount", "--volumedriver=" + repo, "--volumename=m1");
    assertEquals(0, mounted.exit(), mounted.toString());
    Path onHost = Path.of(mounted.stdout().strip());
    assertTrue(onHost.startsWith(engine.dataRoot().resolve("plugins").resolve(plugin.id()).resolve("propagated-mount")),
        onHost.toString());
    assertTrue(Files.isDirectory(onHost), onHost + " exists on the host");

    Files.writeString(onHost.resolve("from-the-agent.txt"), "hello\n");
    CommandResult seen = ScratchContainer.run(engine, "m1", "cat /vol/from-the-agent.txt");
    assertEquals("hello\n", seen.stdout(), seen::toString);

    Dvdcli.Result tagged = agent.run("mount", "--volumedriver=" + repo + ":latest", "--volumename=m1");
    assertEquals(0, tagged.exit(), tagged.toString());
    assertEquals(mounted.stdout(), tagged.stdout(), "no tag means latest: the same plugin, the same path");
    assertEquals(2, mountIds("m1").size(), "one ID per mount");

    Dvdcli.Result path = agent.run("path", "--volumedriver=" + repo, "--volumename=m1");
    assertEquals(mounted.stdout(), path.stdout(), path.toString());

    Dvdcli.Result unmounted = agent.run("unmount", "--volumedriver=" + repo, "--volumename=m1");
    assertEquals(0, unmounted.exit(), unmounted.toString());
    assertEquals(0, mountIds("m1").size(), () -> "the agent's single unmount releases both: " + mountIdsOrWhy("m1")
        + " " + unmounted);
  }

  @Test
  void listAndGetShowHostPaths() throws Exception {
    assertEquals(0, agent.run("create", "--volumedriver=" + repo, "--volumename=l1").exit());
    Dvdcli.Result mounted = agent.run("mount", "--volumedriver=" + repo, "--volumename=l1");
    assertEquals(0, mounted.exit(), mounted.toString());
    Dvdcli.Result list = agent.run("list", "--volumedriver=" + repo);
    assertEquals(0, list.exit(), list.toString());
    assertTrue(list.stdout().lines().anyMatch("l1"::equals), list.stdout());
    Dvdcli.Result json = agent.run("list", "--volumedriver=" + repo, "--json");
    for (JsonNode v : PluginJson.MAPPER.readTree(json.stdout())) {
      if (v.get("name").asText().equals("l1")) {
        assertEquals(mounted.stdout().strip(), v.get("mountpoint").asText(), json.stdout());
      }
    }
    Dvdcli.Result get = agent.run("get", "--volumedriver=" + repo, "--volumename=l1", "--json");
    assertEquals(mounted.stdout().strip(), PluginJson.MAPPER.readTree(get.stdout()).get("mountpoint").asText(), get.stdout());
    assertEquals(0, agent.run("unmount", "--volumedriver=" + repo, "--volumename=l1").exit());
  }

  @Test
  void pluginsListsTheManagedPluginAndItAnswers() throws Exception {
    Dvdcli.Result r = agent.run("plugins");
    assertEquals(0, r.exit(), r.toString());
    String line = r.stdout().lines().filter(l -> l.startsWith(repo + ":latest\t")).findFirst().orElseThrow(() -> new AssertionError(r));
    assertTrue(line.contains("\tunix://" + plugin.hostSocket() + "\t"), line);
    assertTrue(line.endsWith("\tok: implements VolumeDriver"), line);
  }

  @Test
  void aDisabledPluginFailsAtOnceSayingHowToEnableItAndAMissingOneIsNotFound() throws Exception {
    plugin.disable();
    try {
      Dvdcli.Result r = agent.env("DVDCLI_RETRY_TIMEOUT", "30").run("mount", "--volumedriver=" + repo, "--volumename=d1");
      assertEquals(3, r.exit(), r.toString());
      assertEquals("dvdcli: Failed to mount volume 'd1' with driver '" + repo + "': managed plugin '" + repo
          + "' is installed but disabled (docker plugin enable " + repo + ")", r.lastStderrLine());
      Dvdcli.Result listed = agent.run("plugins", repo);
      assertEquals(1, listed.exit(), listed.toString());
      assertTrue(listed.stdout().contains("failed: managed plugin"), listed.stdout());
    } finally {
      agent.env("DVDCLI_RETRY_TIMEOUT", "0");
      plugin.enable();
    }
    Dvdcli.Result missing = agent.run("mount", "--volumedriver=" + repo + "-gone", "--volumename=d1");
    assertEquals(3, missing.exit(), missing.toString());
    assertTrue(missing.lastStderrLine().contains("no managed plugin named '" + repo + "-gone' is installed"), missing.toString());
  }

  private String mountIdsOrWhy(String volume) {
    try {
      return mountIds(volume).toString();
    } catch (Exception e) {
      return e.toString();
    }
  }

  /** The reference plugin's own view: Get's Status carries the mount IDs it holds. */
  private JsonNode mountIds(String volume) throws Exception {
    String body = UnixHttp.pluginCall(plugin.hostSocket(), "VolumeDriver.Get", "{\"Name\":\"" + volume + "\"}").body();
    return PluginJson.MAPPER.readTree(body).get("Volume").get("Status").get("mountIds");
  }
}
