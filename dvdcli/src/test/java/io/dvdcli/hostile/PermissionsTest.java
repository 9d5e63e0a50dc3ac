package io.dvdcli.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dvdcli.testing.Dvdcli;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under the most permissive umask (000), the reference plugin's socket and state are not
 * world-writable, and dvdcli creates no file at all: not in its working folder, its HOME, its temp
 * folder or the plugin folders. Both run through their real launchers, as on a host.
 */
class PermissionsTest {
  @TempDir Path tmp;

  /** {@code sh -c 'umask 000; exec "$0" "$@"' program args...}: the launcher under umask 000. */
  private static ProcessBuilder underUmask000(Path cwd, Map<String, String> env, String program, String... args) {
    List<String> argv = new ArrayList<>(List.of("sh", "-c", "umask 000; exec \"$0\" \"$@\"", program));
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv).directory(cwd.toFile()).redirectInput(new File("/dev/null"));
    pb.environment().putAll(env);
    return pb;
  }

  @Test
  void underUmask000NeitherTheReferencePluginNorDvdcliLeavesAnythingWorldWritable() throws Exception {
    Path sockets = tmp.resolve("plugins");
    Path socket = sockets.resolve("local.sock");
    Path state = tmp.resolve("state");
    Path cwd = Files.createDirectories(tmp.resolve("cwd"));
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path javaTmp = Files.createDirectories(tmp.resolve("java-tmp"));
    String classpath = System.getProperty("java.class.path");
    Path pluginLauncher = Dvdcli.launcher().resolveSibling("local-volume-plugin");

    Process plugin = underUmask000(cwd, Map.of("LOCAL_VOLUME_PLUGIN_CLASSPATH", classpath),
        pluginLauncher.toString(), "--socket", socket.toString(), "--root", state.toString())
        .redirectError(tmp.resolve("plugin.err").toFile()).start();
    try {
      BufferedReader ready = new BufferedReader(new InputStreamReader(plugin.getInputStream(), StandardCharsets.UTF_8));
      String first = CompletableFuture.supplyAsync(() -> readLine(ready)).get(60, TimeUnit.SECONDS);
      assertTrue(first != null && first.startsWith("listening on unix://"), "plugin ready: " + first);

      Process dvdcli = underUmask000(cwd, Map.of("DVDCLI_CLASSPATH", classpath,
              "DVDCLI_SOCKETS_DIR", sockets.toString(), "DVDCLI_SPECS_DIRS", tmp.resolve("specs").toString(),
              "DVDCLI_RETRY_TIMEOUT", "0", "HOME", home.toString(), "TMPDIR", javaTmp.toString(),
              "DVDCLI_STATE_DIR", tmp.resolve("dvdcli-state").toString(),
              "DVDCLI_JAVA_OPTS", "-Djava.io.tmpdir=" + javaTmp),
          Dvdcli.launcher().toString(), "mount", "--volumedriver=local", "--volumename=v1")
          .redirectError(tmp.resolve("dvdcli.err").toFile()).start();
      String out = new String(dvdcli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(dvdcli.waitFor(60, TimeUnit.SECONDS), "dvdcli ended");
      assertEquals(0, dvdcli.exitValue(), Files.readString(tmp.resolve("dvdcli.err")));
      assertTrue(out.strip().startsWith(state.toString()), out);

      assertEquals(List.of(), list(cwd), "dvdcli wrote nothing in its working folder");
      assertEquals(List.of(), list(home), "nor in HOME");
      assertEquals(List.of(), list(javaTmp), "nor in its temp folder");
      assertEquals(List.of(socket), list(sockets), "nor among the plugin sockets");
      assertFalse(Files.exists(tmp.resolve("specs")), "nor a spec folder");

      assertNotWorldWritable(socket);
      assertNotWorldWritable(sockets);
      try (Stream<Path> all = Files.walk(state)) {
        for (Path p : all.toList()) {
          assertNotWorldWritable(p);
        }
      }
    } finally {
      plugin.destroy();
      plugin.waitFor(20, TimeUnit.SECONDS);
    }
  }

  private static String readLine(BufferedReader r) {
    try {
      return r.readLine();
    } catch (IOException e) {
      return null;
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  private static void assertNotWorldWritable(Path p) throws IOException {
    assertFalse(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OTHERS_WRITE),
        () -> p + " is world-writable");
  }
}
