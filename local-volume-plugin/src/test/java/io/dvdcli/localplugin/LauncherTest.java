package io.dvdcli.localplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/local-volume-plugin as a real process, run from the test class path. */
class LauncherTest {
  private static final Path LAUNCHER =
      Path.of(System.getProperty("dvdcli.root", "..")).resolve("scripts/local-volume-plugin");

  @TempDir Path tmp;

  private ProcessBuilder launcher(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(LAUNCHER.toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("LOCAL_VOLUME_PLUGIN_CLASSPATH", System.getProperty("java.class.path"));
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    return builder;
  }

  @Test
  void thePluginAnnouncesItselfServesLogsEachCallAndStopsCleanlyOnSigterm() throws Exception {
    Path socket = tmp.resolve("local.sock");
    Path stderr = tmp.resolve("stderr");
    Process process =
        launcher(List.of("--socket", socket.toString(), "--root", tmp.resolve("root").toString()))
            .redirectError(stderr.toFile())
            .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("listening on unix://" + socket, out.readLine());
      UnixHttpClient client = UnixHttpClient.unix(socket);
      assertEquals(200, client.post("VolumeDriver.Create", "{\"Name\":\"v1\"}").status());
      assertEquals(200, client.post("VolumeDriver.Mount", "{\"Name\":\"v1\",\"ID\":\"a\"}").status());

      // kill(1), not Process.destroy(): destroy() also closes our end of stdout.
      new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the plugin did not stop on SIGTERM");
      assertEquals(143, process.exitValue());
      assertEquals(null, out.readLine(), "stdout carries the ready line only");
      assertFalse(Files.exists(socket), "the socket file is removed on SIGTERM");
      String log = Files.readString(stderr);
      assertTrue(log.contains(" VolumeDriver.Create v1 -> 200\n"), log);
      assertTrue(log.contains(" VolumeDriver.Mount v1 id=a -> 200\n"), log);
      assertTrue(log.endsWith("local-volume-plugin: stopped\n"), log);
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void aPluginServingOnTcpAnnouncesTheBoundPort() throws Exception {
    Process process =
        launcher(List.of("--tcp", "127.0.0.1:0", "--root", tmp.resolve("root").toString()))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
      assertTrue(line.matches("listening on tcp://127\\.0\\.0\\.1:[0-9]+"), line);
      int port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
      assertEquals("{\"Implements\":[\"VolumeDriver\"]}", UnixHttpClient.tcp(port).post("Plugin.Activate", "").body());
    } finally {
      process.destroy();
      process.waitFor(60, TimeUnit.SECONDS);
      process.destroyForcibly();
    }
  }

  @Test
  void badFlagsFailWithOneLineAndExitStatusTwo() throws Exception {
    Process process = launcher(List.of("--tcp", "0.0.0.0:80")).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, process.exitValue());
    assertEquals("", new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    assertEquals(
        "local-volume-plugin: Invalid value for option '--tcp': '0.0.0.0:80' is not 127.0.0.1:PORT"
            + " (the plugin listens on loopback only) (see --help)\n",
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void anUnreadableStateFailsWithOneLineAndExitStatusOne() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Files.writeString(root.resolve("state.json"), "{\"version\":1,\"volumes\":[{\"name\":\"../x\"");
    Process process =
        launcher(List.of("--socket", tmp.resolve("local.sock").toString(), "--root", root.toString())).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(1, process.exitValue());
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(err.startsWith("local-volume-plugin: Failed to read state '" + root.resolve("state.json") + "': "), err);
    assertEquals(1, err.lines().count(), err);
    assertFalse(Files.exists(tmp.resolve("local.sock")));
  }

  @Test
  void aSocketPathThatIsInTheWayFailsWithOneLineAndExitStatusOne() throws Exception {
    Path notSocket = Files.writeString(tmp.resolve("local.sock"), "x");
    Process process =
        launcher(List.of("--socket", notSocket.toString(), "--root", tmp.resolve("root").toString())).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(1, process.exitValue());
    assertEquals("", new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    assertEquals(
        "local-volume-plugin: Failed to listen on socket '" + notSocket + "': a file that is not a socket is in the way\n",
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
