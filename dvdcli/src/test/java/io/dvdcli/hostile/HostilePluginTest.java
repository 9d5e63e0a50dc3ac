package io.dvdcli.hostile;

import static io.dvdcli.hostile.Behaviours.json;
import static io.dvdcli.hostile.Behaviours.raw;
import static io.dvdcli.hostile.HostileFixture.DRIVER;
import static io.dvdcli.hostile.HostileFixture.TCP_DRIVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.ExitCodes;
import io.dvdcli.testing.Dvdcli;
import io.dvdcli.testing.InProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a plugin can misbehave on the wire ends in the documented exit code, one clear last
 * stderr line and an empty stdout; a plugin that never answers ends in the command's timeout. Each
 * case runs in-process (fast); the marked ones also run through the real launcher as the Mesos
 * agent runs it (a fresh JVM with the launcher's 64 MB heap, which is what proves the 1 MiB answer
 * cap). The results are written to {@code target/hostile-cases.md}, the table of
 * {@code scripts/HOSTILE.md}.
 *
 * <p>No case depends on the host's speed: a case that ends in a timeout (exit 5) gets a command
 * timeout long enough for the healthy calls before the hung one on a busy host, and every other
 * case a limit it never comes near, so that a slow host cannot turn its fault into a timeout.
 */
class HostilePluginTest {
  /** The command limit of a case that does not end in a timeout: far beyond any healthy run. */
  static final String GENEROUS_TIMEOUT_SECONDS = "120";
  /**
   * Runs this long are counted as hung in the table's summary (far beyond the longest timeout a
   * case is given, plus a fresh JVM's start); no test asserts a duration.
   */
  static final long REPORTED_HUNG_MILLIS = 60_000;

  private static final Map<String, Row> ROWS = new ConcurrentHashMap<>();

  /** One case's results; {@code socket} is the temp socket path, shown in the table as Docker's. */
  record Row(HostileCase c, Dvdcli.Result inProcess, Dvdcli.Result launcher, String socket) {}

  @TempDir Path tmp;

  static List<String> mount(String... extra) {
    List<String> a = new ArrayList<>(List.of("mount", "--volumedriver=" + DRIVER, "--volumename=v1"));
    a.addAll(List.of(extra));
    return a;
  }

  static List<String> unmount() {
    return List.of("unmount", "--volumedriver=" + DRIVER, "--volumename=v1");
  }

  static final String FAIL_MOUNT = "dvdcli: Failed to mount volume 'v1' with driver 'hostile': ";
  static final String FAIL_UNMOUNT = "dvdcli: Failed to unmount volume 'v1' with driver 'hostile': ";
  static final String PLUGIN = "plugin 'hostile' ";
  static final String MOUNT = "VolumeDriver.Mount";
  static final String GET = "VolumeDriver.Get";

  static HostileCase fails(String name, HostileCase.Scenario s, List<String> args, int exit, String lastLine) {
    return new HostileCase(name, s, args, exit, lastLine, false);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Stream<HostileCase> cases() {
    return Stream.of(
        fails("hangs before answering Mount",
            (p, f) -> p.on(MOUNT, Behaviours.hang()), mount(), 5, FAIL_MOUNT + PLUGIN + "did not answer VolumeDriver.Mount within <n> s (command timeout <n> s)").alsoViaLauncher(),
        fails("answers Mount one byte every 100 ms (slow-loris)",
            (p, f) -> p.on(MOUNT, Behaviours.slowLoris("{\"Mountpoint\":\"/mnt/v1\"}", Duration.ofMillis(100))),
            mount(), 5, FAIL_MOUNT + PLUGIN + "did not answer VolumeDriver.Mount within <n> s (command timeout <n> s)"),
        fails("hangs before answering Activate",
            (p, f) -> p.on("Plugin.Activate", Behaviours.hang()), mount(), 5, FAIL_MOUNT + PLUGIN + "did not answer Plugin.Activate within <n> s (command timeout <n> s)"),
        fails("hangs before answering Unmount",
            (p, f) -> p.on("VolumeDriver.Unmount", Behaviours.hang()), unmount(), 5, FAIL_UNMOUNT + PLUGIN + "did not answer VolumeDriver.Unmount within <n> s (command timeout <n> s)"),
        fails("is never asked: the command timeout is 0",
            (p, f) -> { }, mount("--timeout=0"), 5,
            FAIL_MOUNT + "the command timeout (0 s) ran out before plugin 'hostile' could be asked for Plugin.Activate"),
        fails("sends 100 Continue, then nothing",
            (p, f) -> p.on(MOUNT, Behaviours.continueThenNothing()), mount(), 5, FAIL_MOUNT + PLUGIN + "did not answer VolumeDriver.Mount within <n> s (command timeout <n> s)"),
        fails("closes the connection in the middle of the headers",
            (p, f) -> p.on(MOUNT, Behaviours.closeMidHeaders()), mount(), 4, FAIL_MOUNT + PLUGIN + "dropped the connection during VolumeDriver.Mount: the answer's headers were cut off or too long"),
        fails("closes the connection in the middle of the body",
            (p, f) -> p.on(MOUNT, Behaviours.closeMidBody()), mount(), 4, FAIL_MOUNT + PLUGIN + "dropped the connection during VolumeDriver.Mount: unexpected end of stream"),
        fails("closes the connection in the middle of the Unmount body",
            (p, f) -> p.on("VolumeDriver.Unmount", Behaviours.closeMidBody()), unmount(), 4, FAIL_UNMOUNT + PLUGIN + "dropped the connection during VolumeDriver.Unmount: unexpected end of stream"),
        fails("resets the UNIX connection (closes with the request unread)",
            (p, f) -> p.resetOn(MOUNT), mount(), 4, FAIL_MOUNT + PLUGIN + "dropped the connection during VolumeDriver.Mount: Connection reset"),
        fails("resets the TCP connection (SO_LINGER 0)",
            (p, f) -> f.tcp().on(MOUNT, x -> x.reset()),
            List.of("mount", "--volumedriver=" + TCP_DRIVER, "--volumename=v1"), 4, "dvdcli: Failed to mount volume 'v1' with driver 'hostile-tcp': plugin 'hostile-tcp' dropped the connection during VolumeDriver.Mount: Connection reset"),
        fails("sends a 2 GB Content-Length body",
            (p, f) -> p.on(MOUNT, Behaviours.hugeBody(2L << 30)), mount(), 6, FAIL_MOUNT + PLUGIN + "answered VolumeDriver.Mount with more than 1048576 bytes").alsoViaLauncher(),
        fails("sends an endless chunked body",
            (p, f) -> p.on(MOUNT, Behaviours.endlessChunked()), mount(), 6, FAIL_MOUNT + PLUGIN + "answered VolumeDriver.Mount with more than 1048576 bytes").alsoViaLauncher(),
        fails("sends invalid UTF-8 inside the Mountpoint",
            (p, f) -> p.on(MOUNT, raw(200, "application/json", concat(bytes("{\"Mountpoint\":\"/mnt/"),
                new byte[] {(byte) 0xff, (byte) 0xfe}, bytes("\"}")))), mount(), 6, FAIL_MOUNT + PLUGIN + "answered VolumeDriver.Mount with something that is not the expected JSON (a body of 24 bytes that is not UTF-8 text)"),
        fails("sends an error body in invalid UTF-8 with HTTP 500",
            (p, f) -> p.on(MOUNT, raw(500, "text/plain", new byte[] {(byte) 0xc3, (byte) 0x28, 'x'})), mount(), 1, FAIL_MOUNT + PLUGIN + "answered VolumeDriver.Mount with HTTP 500: a body of 3 bytes that is not UTF-8 text"),
        fails("answers \"Mountpoint\": 5",
            (p, f) -> p.on(MOUNT, json(200, "{\"Mountpoint\":5}")), mount(), 6, FAIL_MOUNT + PLUGIN + "returned a relative mount point '5' for volume 'v1'"),
        fails("answers \"Mountpoint\": {}",
            (p, f) -> p.on(MOUNT, json(200, "{\"Mountpoint\":{}}")), mount(), 6, FAIL_MOUNT + PLUGIN + "answered VolumeDriver.Mount with something that is not the expected JSON ({\"Mountpoint\":{}})"),
        fails("answers Get with \"Volume\": []",
            (p, f) -> p.on(GET, json(200, "{\"Volume\":[]}")), mount(), 6, FAIL_MOUNT + PLUGIN + "answered VolumeDriver.Get with something that is not the expected JSON ({\"Volume\":[]})"),
        fails("answers Activate with \"Implements\": \"VolumeDriver\" (not a list)",
            (p, f) -> p.on("Plugin.Activate", json(200, "{\"Implements\":\"VolumeDriver\"}")), mount(), 6, FAIL_MOUNT + PLUGIN + "answered Plugin.Activate with something that is not the expected JSON ({\"Implements\":\"VolumeDriver\"})"),
        fails("answers Mount with the key Mountpoint twice (Go keeps the last)",
            (p, f) -> p.on(MOUNT, json(200, "{\"Mountpoint\":\"/mnt/first\",\"mountpoint\":\"/mnt/second\"}")),
            mount(), 0, "/mnt/second"),
        fails("answers Mount with a good, then a bad, duplicate Mountpoint",
            (p, f) -> p.on(MOUNT, json(200, "{\"Mountpoint\":\"/mnt/v1\",\"Mountpoint\":\"/mnt/../../etc\"}")),
            mount(), 6, FAIL_MOUNT + PLUGIN + "returned a mount point that is not normalised '/mnt/../../etc' for volume 'v1'"),
        fails("answers Mount with JSON nested 100 000 deep",
            (p, f) -> p.on(MOUNT, json(200, "{\"X\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}")),
            mount(), 6, FAIL_MOUNT + PLUGIN + "answered VolumeDriver.Mount with something that is not the expected JSON ({\"X\":" + "[".repeat(295) + "...)"),
        fails("answers Get with a Status nested 400 deep (legal)",
            (p, f) -> p.on(GET, json(200, "{\"Volume\":{\"Name\":\"v1\",\"Status\":{\"x\":"
                + "[".repeat(400) + "]".repeat(400) + "}}}")), mount(), 0, "/mnt/v1").alsoViaLauncher(),
        fails("answers Get with a Status holding a null (legal)",
            (p, f) -> p.on(GET, json(200, "{\"Volume\":{\"Name\":\"v1\",\"Status\":{\"x\":null}}}")), mount(), 0,
            "/mnt/v1"),
        fails("answers Mount 200 with an HTML page",
            (p, f) -> p.on(MOUNT, raw(200, "text/html", bytes("<html><head><title>Welcome to nginx!</title></head></html>"))),
            mount(), 6, FAIL_MOUNT + PLUGIN + "answered VolumeDriver.Mount with something that is not the expected JSON (an HTML page: Welcome to nginx!)"),
        fails("answers Mount 200 with an empty body",
            (p, f) -> p.on(MOUNT, json(200, "")), mount(), 6, FAIL_MOUNT + PLUGIN + "answered VolumeDriver.Mount with something that is not the expected JSON (empty body)"),
        fails("answers Mount 200 with JSON null",
            (p, f) -> p.on(MOUNT, json(200, "null")), mount(), 6, FAIL_MOUNT + PLUGIN + "answered VolumeDriver.Mount with JSON null"),
        fails("redirects Mount with 301",
            (p, f) -> p.on(MOUNT, Behaviours.redirect(301, "http://elsewhere.example/VolumeDriver.Mount")), mount(), 6, FAIL_MOUNT + PLUGIN + "answered VolumeDriver.Mount with HTTP 301, a redirect to 'http://elsewhere.example/VolumeDriver.Mount' that dvdcli does not follow"),
        fails("redirects Activate with 302",
            (p, f) -> p.on("Plugin.Activate", Behaviours.redirect(302, "/login")), mount(), 6, FAIL_MOUNT + PLUGIN + "answered Plugin.Activate with HTTP 302, a redirect to '/login' that dvdcli does not follow"),
        fails("answers a status line that is not HTTP",
            (p, f) -> p.on(MOUNT, x -> x.write("SSH-2.0-OpenSSH_9.6\r\n")), mount(), 4, FAIL_MOUNT + PLUGIN + "dropped the connection during VolumeDriver.Mount: Unexpected status line: SSH-2.0-OpenSSH_9.6"),
        fails("sends headers that never end",
            (p, f) -> p.on(MOUNT, x -> {
              x.write("HTTP/1.1 200 OK\r\n");
              while (true) {
                x.write("X-Junk: " + "j".repeat(1000) + "\r\n");
              }
            }), mount(), 4, FAIL_MOUNT + PLUGIN + "dropped the connection during VolumeDriver.Mount: the answer's headers were cut off or too long"),
        fails("returns a Mountpoint with a newline",
            (p, f) -> p.on(MOUNT, json(200, "{\"Mountpoint\":\"/mnt/v1\\n/etc\"}")), mount(), 6, FAIL_MOUNT + PLUGIN + "returned a mount point with a control character '/mnt/v1\\x0a/etc' for volume 'v1'"),
        fails("returns a Mountpoint with an escaped NUL",
            (p, f) -> p.on(MOUNT, json(200, "{\"Mountpoint\":\"/mnt/v1\\u0000x\"}")), mount(), 6, FAIL_MOUNT + PLUGIN + "returned a mount point with a control character '/mnt/v1\\x00x' for volume 'v1'"),
        fails("returns a Mountpoint with a raw NUL byte",
            (p, f) -> p.on(MOUNT, raw(200, "application/json", bytes("{\"Mountpoint\":\"/mnt/v1\u0000x\"}"))), mount(), 6, FAIL_MOUNT + PLUGIN + "answered VolumeDriver.Mount with something that is not the expected JSON ({\"Mountpoint\":\"/mnt/v1 x\"})"),
        fails("returns a Mountpoint with a C1 control character (U+009B, a terminal's CSI)",
            (p, f) -> p.on(MOUNT, json(200, "{\"Mountpoint\":\"/mnt/\u009b31mv1\"}")), mount(), 6,
            FAIL_MOUNT + PLUGIN + "returned a mount point with a control character '/mnt/\\x9b31mv1' for volume 'v1'"),
        fails("returns a Mountpoint with '..'",
            (p, f) -> p.on(MOUNT, json(200, "{\"Mountpoint\":\"/mnt/../etc\"}")), mount(), 6, FAIL_MOUNT + PLUGIN + "returned a mount point that is not normalised '/mnt/../etc' for volume 'v1'"),
        fails("returns a relative Mountpoint",
            (p, f) -> p.on(MOUNT, json(200, "{\"Mountpoint\":\"mnt/v1\"}")), mount(), 6, FAIL_MOUNT + PLUGIN + "returned a relative mount point 'mnt/v1' for volume 'v1'"),
        fails("returns a Mountpoint with a lone UTF-16 surrogate",
            (p, f) -> p.on(MOUNT, json(200, "{\"Mountpoint\":\"/mnt/\\ud800v1\"}")), mount(), 6, FAIL_MOUNT + PLUGIN + "returned a mount point that is not valid Unicode '/mnt/?v1' for volume 'v1'").alsoViaLauncher(),
        fails("returns a Mountpoint with trailing blanks",
            (p, f) -> p.on(MOUNT, json(200, "{\"Mountpoint\":\"/mnt/v1 \"}")), mount(), 6, FAIL_MOUNT + PLUGIN + "returned a mount point with surrounding blanks '/mnt/v1 ' for volume 'v1'"),
        fails("answers Activate without VolumeDriver",
            (p, f) -> p.on("Plugin.Activate", json(200, "{}")), mount(), 3, FAIL_MOUNT + PLUGIN + "at unix://<sock> is not a volume driver (it implements [])"),
        fails("answers Activate with \"Implements\": null",
            (p, f) -> p.on("Plugin.Activate", json(200, "{\"Implements\":null}")), mount(), 3, FAIL_MOUNT + PLUGIN + "at unix://<sock> is not a volume driver (it implements [])"),
        fails("answers with an Err of 10 000 characters over several lines",
            (p, f) -> p.on(MOUNT, json(500, "{\"Err\":\"" + "line\\n".repeat(2_000) + "\"}")), mount(), 1, FAIL_MOUNT + PLUGIN + "answered VolumeDriver.Mount with HTTP 500: " + "line ".repeat(60) + "..."),
        fails("answers 200 with an Err of only NULs and blanks",
            (p, f) -> p.on(MOUNT, json(200, "{\"Mountpoint\":\"/mnt/v1\",\"Err\":\"\\u0000\\u0000 \"}")), mount(), 1,
            FAIL_MOUNT + PLUGIN + "answered VolumeDriver.Mount with an error: (the plugin gave an empty error message)"),
        fails("answers 500 with a body of only control characters",
            (p, f) -> p.on(MOUNT, raw(500, "text/plain", new byte[] {1, 2, 3})), mount(), 1,
            FAIL_MOUNT + PLUGIN + "answered VolumeDriver.Mount with HTTP 500: a body of 3 bytes of blanks and control characters"),
        fails("dies between Create and Mount",
            (p, f) -> p.on(GET, json(200, "{\"Err\":\"no such volume\"}")).on("VolumeDriver.Create", Behaviours.answerThenDie()),
            mount(), 4, FAIL_MOUNT + "cannot reach plugin 'hostile' for VolumeDriver.Mount: nothing listens on socket <sock> (stale socket: the file exists but the plugin is not running); gave up after 1 attempt in <n> s").alsoViaLauncher(),
        fails("dies between Create and Mount, and is back 1 s later (retry budget 30 s)",
            (p, f) -> {
              p.on(GET, json(200, "{\"Err\":\"no such volume\"}")).on("VolumeDriver.Create", x -> {
                x.plugin().die();
                f.restartAfter(Duration.ofSeconds(1));
                HostilePlugin.wellBehaved(x);
              });
            },
            mount("--retry-timeout=30"), 0, "/mnt/v1"));
  }

  static Stream<HostileCase> launcherCases() {
    return cases().filter(HostileCase::viaLauncher);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** Only a case that is about a timeout gets a short one (see the class comment). */
  private static String timeout(HostileCase c, String forAHang) {
    return c.exit() == ExitCodes.TIMEOUT ? forAHang : GENEROUS_TIMEOUT_SECONDS;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  // Only stops a hung build; what a case asserts is its outcome, never its duration.
  @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void inProcessTheFaultEndsInItsExitCodeAndOneClearLine(HostileCase c) throws Exception {
    try (HostileFixture f = new HostileFixture(tmp)) {
      c.scenario().script(f.plugin(), f);
      Dvdcli.Result r = new InProcess(f.sockets(), f.specs())
          .env("DVDCLI_TIMEOUT", timeout(c, InProcess.HANG_TIMEOUT_SECONDS))
          .run(c.args().toArray(new String[0]));
      ROWS.merge(c.name(), new Row(c, r, null, f.socket().toString()), (a, b) -> new Row(c, r, a.launcher(), f.socket().toString()));
      check(c, r, f);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("launcherCases")
  void throughTheLauncherTheFaultEndsTheSameWay(HostileCase c) throws Exception {
    try (HostileFixture f = new HostileFixture(tmp)) {
      c.scenario().script(f.plugin(), f);
      // Dvdcli.run bounds the run itself (a hung build fails after 180 s).
      Dvdcli.Result r = new Dvdcli(f.sockets(), f.specs()).env("DVDCLI_TIMEOUT", timeout(c, Dvdcli.HANG_TIMEOUT_SECONDS))
          .env("DVDCLI_MOUNT_ID", "test-id").run(c.args().toArray(new String[0]));
      ROWS.merge(c.name(), new Row(c, null, r, f.socket().toString()), (a, b) -> new Row(c, a.inProcess(), r, a.socket()));
      check(c, r, f);
    }
  }

  /** Loads dvdcli's classes once, so the first timed case is not a cold start. */
  @BeforeAll
  static void warmUp(@TempDir Path warm) throws Exception {
    try (HostileFixture f = new HostileFixture(warm)) {
      assertEquals(0, new InProcess(f.sockets(), f.specs()).run(mount().toArray(new String[0])).exit());
    }
  }

  private static void check(HostileCase c, Dvdcli.Result r, HostileFixture f) {
    String expected = c.lastLine().replace("<sock>", f.socket().toString());
    assertEquals(c.exit(), r.exit(), r.toString());
    assertFalse(r.stderr().contains("\tat "), "no stack trace: " + r.stderr());
    if (c.exit() == 0) {
      assertEquals(expected + "\n", r.stdout());
    } else {
      assertEquals(0, r.stdoutBytes().length, "stdout stays empty on failure: " + r);
      assertTrue(matches(expected, r.lastStderrLine()), "expected\n  " + expected + "\nbut was\n  " + r.lastStderrLine());
    }
  }

  /** Exact, except that {@code <n>} matches any number (the seconds left vary from run to run). */
  private static boolean matches(String expected, String actual) {
    StringBuilder regex = new StringBuilder();
    String[] parts = expected.split("<n>", -1);
    for (int i = 0; i < parts.length; i++) {
      regex.append(i == 0 ? "" : "[0-9]+(\\.[0-9]+)?").append(Pattern.quote(parts[i]));
    }
    return Pattern.matches(regex.toString(), actual);
  }

  @AfterAll
  static void writeTable() throws Exception {
    StringBuilder md = new StringBuilder();
    md.append("| plugin fault | command | exit | last stderr line (stdout on success) | in-process | launcher |\n");
    md.append("|---|---|---|---|---|---|\n");
    Map<String, Row> sorted = new TreeMap<>(ROWS);
    cases().forEach(c -> {
      Row row = sorted.get(c.name());
      if (row == null) {
        return;
      }
      Dvdcli.Result any = row.inProcess() != null ? row.inProcess() : row.launcher();
      String shown = (any.exit() == 0 ? any.stdout().strip() : any.lastStderrLine())
          .replace(row.socket(), "/run/docker/plugins/hostile.sock");
      md.append("| ").append(c.name()).append(" | `").append(c.args().get(0)).append("` | ")
          .append(any.exit()).append(" | `").append(shown.replace("|", "\\|").replace("`", "'")).append("` | ")
          .append(row.inProcess() == null ? "" : row.inProcess().millis() + " ms").append(" | ")
          .append(row.launcher() == null ? "" : row.launcher().millis() + " ms").append(" |\n");
    });
    List<Dvdcli.Result> runs = new ArrayList<>();
    ROWS.values().forEach(row -> Stream.of(row.inProcess(), row.launcher()).filter(r -> r != null).forEach(runs::add));
    long hung = runs.stream().filter(r -> r.millis() >= REPORTED_HUNG_MILLIS).count();
    long corrupted = ROWS.values().stream().flatMap(row -> Stream.of(row.inProcess(), row.launcher())
        .filter(r -> r != null).filter(r -> r.exit() == 0 ? !r.stdout().equals(row.c().lastLine() + "\n")
            : r.stdoutBytes().length > 0)).count();
    md.append("\n").append(ROWS.size()).append(" cases, ").append(runs.size()).append(" runs (in-process and")
        .append(" launcher), ").append(hung).append(" hung (").append(REPORTED_HUNG_MILLIS / 1000).append(" s or more), ")
        .append(corrupted).append(" with a corrupted stdout; the longest took ")
        .append(runs.stream().mapToLong(Dvdcli.Result::millis).max().orElse(0)).append(" ms.\n");
    Path out = Path.of("target", "hostile-cases.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md.toString());
  }
}
