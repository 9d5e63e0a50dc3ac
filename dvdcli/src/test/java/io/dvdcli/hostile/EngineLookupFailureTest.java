package io.dvdcli.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.plugin.codec.PluginJson;
import io.dvdcli.testing.Dvdcli;
import io.dvdcli.testing.FakePlugin;
import io.dvdcli.testing.FakePlugin.Reply;
import io.dvdcli.testsupport.peers.CapturedAnswers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way the Docker engine's look-up of a managed plugin can fail, through the launcher as the
 * agent runs it: the exit code, and stderr holding exactly one line after any warnings (the agent
 * shows the whole stderr; Jackson's multi-line messages once ended it with "at [Source: ...]").
 * The engine is a scripted HTTP server on a UNIX socket whose good answers are the real engine's,
 * captured (test-support's resources io/dvdcli/captured/); the faults are what a real engine does not produce
 * on demand.
 */
class EngineLookupFailureTest {
  @TempDir Path tmp;
  private FakePlugin engine;
  private Dvdcli dvdcli;
  private String plugin;

  @BeforeEach
  void start() throws Exception {
    Path sockets = Dvdcli.emptyDir(tmp, "plugins");
    engine = FakePlugin.start(tmp.resolve("docker.sock"))
        .on("plugins", Reply.json(captured("engine/plugins-enabled.http")))
        .on("info", Reply.json(captured("engine/info-enabled.http")));
    dvdcli = new Dvdcli(sockets, Dvdcli.emptyDir(tmp, "specs")).env("DOCKER_HOST", "unix://" + engine.socket());
    plugin = PluginJson.MAPPER.readTree(captured("engine/plugins-enabled.http")).get(0).get("Name").asText();
  }

  @AfterEach
  void stop() throws Exception {
    engine.close();
  }

  /** The body of a real engine's answer (test-support's CapturedAnswers). */
  static String captured(String file) {
    return CapturedAnswers.load(file).body();
  }

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of("no engine at DOCKER_HOST", 4, "no Docker engine answers at unix://"),
        Arguments.of("the plugin is not installed", 3, "no managed plugin named 'nobody/such-plugin' is installed"),
        Arguments.of("the plugin is disabled", 3, "is installed but disabled (docker plugin enable "),
        Arguments.of("the engine answers 500", 1, "answered GET /plugins with HTTP 500: "),
        Arguments.of("the engine answers an HTML page", 1, "answered GET /plugins with HTTP 502: "),
        Arguments.of("the engine answers JSON cut short", 6, "answered GET /plugins with something that is not the expected JSON"),
        Arguments.of("the engine answers an object, not a list", 6, "answered GET /plugins with something that is not the expected JSON"),
        Arguments.of("the engine's info has no DockerRootDir", 6, "answered GET /info with something that is not the expected JSON"),
        Arguments.of("DOCKER_HOST is not an address", 3, "DOCKER_HOST="));
  }

  @ParameterizedTest(name = "{0}: exit {1}, one line")
  @MethodSource("faults")
  void eachFailureEndsWithOneLine(String fault, int exit, String says) throws Exception {
    String driver = plugin;
    switch (fault) {
      case "no engine at DOCKER_HOST" -> dvdcli.env("DOCKER_HOST", "unix://" + tmp.resolve("nothing.sock"));
      case "the plugin is not installed" -> driver = "nobody/such-plugin";
      case "the plugin is disabled" -> engine.on("plugins", Reply.json(captured("engine/plugins-disabled.http")));
      case "the engine answers 500" -> engine.on("plugins", Reply.status(500, "application/json",
          captured("engine/plugins-bad-filter.http")));
      case "the engine answers an HTML page" -> engine.on("plugins", Reply.status(502, "text/html",
          "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>nginx</body>\n</html>\n"));
      case "the engine answers JSON cut short" -> engine.on("plugins", Reply.json(
          captured("engine/plugins-enabled.http").substring(0, 40)));
      case "the engine answers an object, not a list" -> engine.on("plugins", Reply.json("{\"Plugins\":\n[]}"));
      case "the engine's info has no DockerRootDir" -> engine.on("info", Reply.json("{\"ID\":\"x\",\n\"Driver\":\"vfs\"}"));
      case "DOCKER_HOST is not an address" -> dvdcli.env("DOCKER_HOST", "unix://bad host\nname");
      default -> throw new IllegalArgumentException(fault);
    }
    Dvdcli.Result r = dvdcli.run("mount", "--volumedriver=" + driver, "--volumename=v1");
    assertEquals(exit, r.exit(), r.toString());
    assertEquals("", r.stdout());
    List<String> lines = Arrays.stream(r.stderr().split("\n")).filter(l -> !l.startsWith("dvdcli: warning: ")).toList();
    assertEquals(1, lines.size(), () -> "one line after the warnings: " + r.stderr());
    OneLine.assertOneLine(lines.get(0));
    assertTrue(lines.get(0).startsWith("dvdcli: Failed to mount volume 'v1' with driver '"), lines.get(0));
    assertTrue(lines.get(0).contains(says), lines.get(0));
    assertTrue(Files.exists(engine.socket()));
  }

  @Test
  void aDisabledPluginIsADefiniteAnswerAndNotAskedAgain() throws Exception {
    engine.on("plugins", Reply.json(captured("engine/plugins-disabled.http")));
    Dvdcli.Result r = dvdcli.env("DVDCLI_RETRY_TIMEOUT", "2").run("mount", "--volumedriver=" + plugin, "--volumename=v1");
    assertEquals(3, r.exit(), r.toString());
    assertEquals(1, engine.methods().stream().filter("plugins"::equals).count(), engine.methods().toString());
  }

  @Test
  void aPluginTheEngineDoesNotHaveIsLookedForAgainWithTheBackOff() throws Exception {
    // A second look needs the first, in a fresh JVM, to end a 1 s wait before the budget: 15 s
    // leaves a busy host room (a cold call took 6 s at load 24); the run takes about 7 s.
    Dvdcli.Result r = dvdcli.env("DVDCLI_RETRY_TIMEOUT", "15").run("mount", "--volumedriver=nobody/such-plugin", "--volumename=v1");
    assertEquals(3, r.exit(), r.toString());
    assertTrue(r.lastStderrLine().matches(".* \\(waited \\d+ s\\)"), r.lastStderrLine());
    assertTrue(engine.methods().stream().filter("plugins"::equals).count() >= 2, engine.methods().toString());
  }
}
