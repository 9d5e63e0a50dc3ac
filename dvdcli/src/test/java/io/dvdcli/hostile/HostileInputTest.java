package io.dvdcli.hostile;

import static io.dvdcli.hostile.Behaviours.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvdcli.plugin.codec.PluginJson;
import io.dvdcli.testing.Dvdcli;
import io.dvdcli.testing.InProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Task definitions come from users: volume names, driver names and options may hold anything. Each
 * is either refused with one clear line before any plugin is asked, or reaches the plugin intact, as
 * JSON data. A driver name never becomes a path outside the plugin folders, and nothing is ever run
 * through a shell.
 */
class HostileInputTest {
  private static final String LONG = "x".repeat(64 * 1024);

  @TempDir Path tmp;
  private HostileFixture fixture;
  private HostilePlugin plugin;
  /** A plugin planted where a path-escaping driver name would lead; it must never be called. */
  private HostilePlugin planted;
  private Path pwned;

  @BeforeEach
  void start() throws Exception {
    fixture = new HostileFixture(tmp);
    plugin = fixture.plugin()
        .on("VolumeDriver.Get", json(200, "{\"Volume\":{\"Name\":\"exists\"}}"))
        .on("VolumeDriver.Mount", json(200, "{\"Mountpoint\":\"/mnt/fixed\"}"));
    planted = HostilePlugin.onUnixSocket(tmp.resolve("evil.sock"));
    Files.writeString(tmp.resolve("evil.spec"), "unix://" + tmp.resolve("evil.sock"));
    Files.writeString(tmp.resolve("specs").resolve("evil.spec"), "not a url at all");
    pwned = tmp.resolve("pwned");
  }

  @AfterEach
  void stop() throws Exception {
    planted.close();
    fixture.close();
  }

  private InProcess dvdcli() {
    return new InProcess(fixture.sockets(), fixture.specs());
  }

  static Stream<String> namesThatAreData() {
    String touch = "touch " + "PWNED";
    return Stream.of("a;" + touch, "$(" + touch + ")", "`" + touch + "`", "a|" + touch, "a&&" + touch,
        "../../etc/passwd", "a/b", "/etc/shadow", "..", ".", "-rf", "*", "~root",
        "a b", "'\"\\", "%s%n%x", "café", "\uD83E\uDD86", "a\u2028b", "\u202Eevil", LONG);
  }

  private String withPwned(String s) {
    return s.replace("PWNED", pwned.toString());
  }

  @ParameterizedTest
  @MethodSource("namesThatAreData")
  void aVolumeNameWithShellOrPathCharactersReachesThePluginIntactAsData(String raw) throws Exception {
    String name = withPwned(raw);
    Dvdcli.Result r = dvdcli().run("mount", "--volumedriver=hostile", "--volumename=" + name);
    assertEquals(0, r.exit(), r.toString());
    assertEquals("/mnt/fixed\n", r.stdout());
    for (HostilePlugin.Request q : plugin.requests().subList(1, 3)) {
      assertEquals(name, PluginJson.MAPPER.readTree(q.body()).get("Name").asText(), q.method());
    }
    assertFalse(Files.exists(pwned), "no shell ran");
  }

  @ParameterizedTest
  @MethodSource("namesThatAreData")
  void anOptionWithShellOrPathCharactersReachesThePluginIntactAsData(String raw) throws Exception {
    String value = withPwned(raw);
    plugin.on("VolumeDriver.Get", json(200, "{\"Err\":\"no such volume\"}"));
    Dvdcli.Result r = dvdcli().run("mount", "--volumedriver=hostile", "--volumename=v1",
        "--volumeopts=k=" + value, "--volumeopts=" + key(value) + "=v");
    if (r.exit() == 2) {
      // A key with blanks or control characters is refused; the value never is.
      assertTrue(r.lastStderrLine().startsWith("dvdcli: usage error: "), r.stderr());
      return;
    }
    assertEquals(0, r.exit(), r.toString());
    JsonNode opts = PluginJson.MAPPER.readTree(plugin.requests().get(2).body()).get("Opts");
    assertEquals(value, opts.get("k").asText());
    assertFalse(Files.exists(pwned), "no shell ran");
  }

  /** The value as an option key: no '=' or blanks, and short (Jackson's reader caps names at 50 000). */
  private static String key(String value) {
    String k = value.replace("=", "").replace(" ", "_") + "x";
    return k.substring(0, Math.min(k.length(), 200));
  }

  static Stream<Arguments> refusedVolumeNames() {
    String usage = "dvdcli: usage error: ";
    String help = " (see 'dvdcli mount --help')";
    return Stream.of(
        Arguments.of("", usage + "missing --volumename=NAME" + help),
        Arguments.of("a\nb", usage + "--volumename contains a control character" + help),
        Arguments.of("a\u0000b", usage + "--volumename contains a control character" + help),
        Arguments.of("\u001b[31mred", usage + "--volumename contains a control character" + help),
        Arguments.of("a\rb", usage + "--volumename contains a control character" + help),
        // picocli will not take a value that looks like a flag, even attached with '='
        Arguments.of("--volumedriver=evil",
            usage + "Expected parameter for option '--volumename' but found '--volumedriver=evil'" + help),
        Arguments.of("caf\uFFFD", usage + "--volumename holds bytes that are not text in this locale ("
            + System.getProperty("sun.jnu.encoding") + "); run dvdcli under a UTF-8 locale, e.g. LC_ALL=C.UTF-8" + help));
  }

  @ParameterizedTest
  @MethodSource("refusedVolumeNames")
  void aVolumeNameThatCannotBeSentAsItIsIsRefusedBeforeAnyPluginIsAsked(String name, String line) {
    Dvdcli.Result r = dvdcli().run("mount", "--volumedriver=hostile", "--volumename=" + name);
    assertEquals(2, r.exit(), r.toString());
    assertEquals(0, r.stdoutBytes().length);
    assertEquals(line, r.lastStderrLine());
    assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
    assertEquals(List.of(), plugin.requests());
  }

  static Stream<String> driverNamesOutsideThePluginFolders() {
    return Stream.of("../evil", "../../" + "evil", "a/../../evil", "evil/../../evil", "..", ".", "./evil", "/evil",
        ".evil", "evil;id", "$(id)", "`id`", "evil\n", "evil\u0000", "evil ", "e vil", "hostile\u2028", LONG,
        "hostile/../evil", "café");
  }

  @ParameterizedTest
  @MethodSource("driverNamesOutsideThePluginFolders")
  void aDriverNameThatCouldNameAPathIsRefusedAndNoPlantedPluginIsCalled(String driver) {
    Dvdcli.Result r = dvdcli().run("mount", "--volumedriver=" + driver, "--volumename=v1");
    assertTrue(r.exit() == 2 || r.exit() == 3, r.toString());
    assertEquals(0, r.stdoutBytes().length);
    assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
    assertTrue(r.lastStderrLine().contains("is not a valid volume driver name")
        || r.lastStderrLine().startsWith("dvdcli: usage error: --volumedriver"), r.lastStderrLine());
    assertEquals(List.of(), planted.requests(), "the plugin planted outside the folders was never called");
    assertEquals(List.of(), plugin.requests());
  }

  @Test
  void emptyStringsAreUsageErrorsOrEmptyValues() throws Exception {
    assertEquals(2, dvdcli().run("mount", "--volumedriver=", "--volumename=v1").exit());
    assertEquals(2, dvdcli().run("mount", "--volumedriver=hostile", "--volumename=v1", "--volumeopts=").exit());
    assertEquals(2, dvdcli().run("mount", "--volumedriver=hostile", "--volumename=v1", "--volumeopts==v").exit());
    assertEquals(List.of(), plugin.requests());
    plugin.on("VolumeDriver.Get", json(200, "{}"));
    Dvdcli.Result r = dvdcli().run("mount", "--volumedriver=hostile", "--volumename=v1", "--volumeopts=k=");
    assertEquals(0, r.exit(), r.toString());
    assertEquals(Map.of("k", ""), PluginJson.MAPPER.convertValue(
        PluginJson.MAPPER.readTree(plugin.requests().get(2).body()).get("Opts"), Map.class));
  }

  @Test
  void aVeryLongVolumeNameRefusedByThePluginStillEndsInOneLine() throws IOException {
    plugin.on("VolumeDriver.Mount", json(500, "{\"Err\":\"no space for " + LONG + "\"}"));
    Dvdcli.Result r = dvdcli().run("mount", "--volumedriver=hostile", "--volumename=" + LONG);
    assertEquals(1, r.exit(), r.toString());
    assertEquals(1, r.stderr().strip().lines().count());
    assertTrue(r.lastStderrLine().startsWith("dvdcli: Failed to mount volume 'xxx"), r.lastStderrLine());
  }

  /**
   * Runs the real launcher as {@code sh -c 'exec "$0" "$@" <tail>' launcher args...}: {@code args}
   * arrive as argv untouched (no shell reads them, only the launcher's own {@code "$@"}), and
   * {@code tail} can produce raw bytes with printf, which ProcessBuilder cannot pass.
   */
  private Dvdcli.Result launch(String locale, String tail, String... args) throws Exception {
    List<String> argv = new java.util.ArrayList<>(List.of("sh", "-c", "exec \"$0\" \"$@\" " + tail,
        Dvdcli.launcher().toString()));
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(new java.io.File("/dev/null"));
    pb.environment().keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG"));
    pb.environment().putAll(Map.of("DVDCLI_CLASSPATH", System.getProperty("java.class.path"),
        "DVDCLI_SOCKETS_DIR", fixture.sockets().toString(), "DVDCLI_SPECS_DIRS", fixture.specs().toString(),
        "DVDCLI_RETRY_TIMEOUT", "0", "DVDCLI_TIMEOUT", "20", "LC_ALL", locale,
        "DVDCLI_STATE_DIR", tmp.resolve("dvdcli-state").toString()));
    Path out = tmp.resolve("out");
    Path err = tmp.resolve("err");
    long t0 = System.nanoTime();
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the launcher hung: " + argv);
    }
    return new Dvdcli.Result(p.exitValue(), Files.readAllBytes(out), Files.readString(err),
        (System.nanoTime() - t0) / 1_000_000);
  }

  @Test
  void throughTheLauncherShellCharactersInArgvAreDataNotCommands() throws Exception {
    String name = withPwned("$(touch PWNED);`touch PWNED`|touch PWNED");
    Dvdcli.Result r = launch("C.UTF-8", "", "mount", "--volumedriver=hostile", "--volumename=" + name,
        "--volumeopts=k=" + name);
    assertEquals(0, r.exit(), r.toString());
    assertEquals("/mnt/fixed\n", r.stdout());
    assertEquals(name, PluginJson.MAPPER.readTree(plugin.requests().get(2).body()).get("Name").asText());
    assertFalse(Files.exists(pwned), "no shell ran");
  }

  @Test
  void throughTheLauncherANameWithBytesThatAreNotUtf8IsRefusedNotGarbled() throws Exception {
    Dvdcli.Result r = launch("C.UTF-8", "\"--volumename=a$(printf '\\377\\376')b\"",
        "mount", "--volumedriver=hostile");
    assertEquals(2, r.exit(), r.toString());
    assertEquals(0, r.stdoutBytes().length);
    assertTrue(r.lastStderrLine().startsWith(
        "dvdcli: usage error: --volumename holds bytes that are not text in this locale"), r.stderr());
    assertEquals(List.of(), plugin.requests());
  }

  @Test
  void throughTheLauncherAUtf8NameUnderAPosixLocaleArrivesIntactOrIsRefused() throws Exception {
    // The Mesos agent may well run under a POSIX locale; the JVM then cannot decode "café".
    Dvdcli.Result r = launch("C", "\"--volumename=caf$(printf '\\303\\251')\"", "mount", "--volumedriver=hostile");
    if (r.exit() == 0) {
      assertEquals("café", PluginJson.MAPPER.readTree(plugin.requests().get(1).body()).get("Name").asText());
    } else {
      assertEquals(2, r.exit(), r.toString());
      assertTrue(r.lastStderrLine().contains("run dvdcli under a UTF-8 locale"), r.stderr());
      assertEquals(List.of(), plugin.requests());
    }
  }
}
