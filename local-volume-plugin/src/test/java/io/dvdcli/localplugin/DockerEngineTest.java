package io.dvdcli.localplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Docker engine drives the plugin (one daemon for the class; each test uses its own volume
 * names): the strongest check that it speaks the protocol as
 * Docker does. Needs root, {@code dockerd} and the {@code docker} CLI (Debian: {@code apt-get
 * install -y docker.io}); skipped otherwise. The daemon runs with all its state in a temp folder
 * and no networking; only the plugin socket goes where Docker looks, /run/docker/plugins.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerEngineTest {
  private static final Path PLUGINS_DIR = Path.of("/run/docker/plugins");

  @TempDir static Path tmp;
  private final String driver = "lvp-test-" + UUID.randomUUID().toString().substring(0, 8);
  private Process dockerd;
  private LocalVolumePlugin plugin;
  private Path dockerSocket;

  @BeforeAll
  void startDockerAndPlugin() throws Exception {
    Optional<Path> dockerdBinary = onPath("dockerd");
    assumeTrue(dockerdBinary.isPresent(), "dockerd is not installed (apt-get install -y docker.io)");
    assumeTrue(onPath("docker").isPresent(), "the docker CLI is not installed (apt-get install -y docker.io)");
    assumeTrue("root".equals(System.getProperty("user.name")), "dockerd needs root");

    plugin = LocalVolumePlugin.start(PLUGINS_DIR.resolve(driver + ".sock"), tmp.resolve("plugin-root"));
    dockerSocket = tmp.resolve("docker.sock");
    dockerd =
        new ProcessBuilder(
                dockerdBinary.get().toString(),
                "--data-root", tmp.resolve("data").toString(),
                "--exec-root", tmp.resolve("exec").toString(),
                "--pidfile", tmp.resolve("docker.pid").toString(),
                "-H", "unix://" + dockerSocket,
                "--storage-driver=vfs",
                "--iptables=false",
                "--ip6tables=false",
                "--bridge=none")
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("dockerd.log").toFile())
            .start();
    // Wait for the API; the daemon needs a second or two. Not a timing assertion: the bound
    // only stops a broken daemon from hanging the build.
    for (int i = 0; i < 240 && !docker("version").ok(); i++) {
      assumeTrue(dockerd.isAlive(), () -> "dockerd could not start here: " + log());
      Thread.sleep(250);
    }
    assertTrue(docker("version").ok(), () -> "dockerd did not answer: " + log());
  }

  @AfterAll
  void stopDockerAndPlugin() throws Exception {
    if (dockerd != null) {
      dockerd.destroy();
      if (!dockerd.waitFor(60, TimeUnit.SECONDS)) {
        dockerd.destroyForcibly().waitFor();
      }
    }
    if (plugin != null) {
      plugin.close();
    }
  }

  @Test
  void dockerCreatesInspectsListsAndRemovesAVolumeThroughThePlugin() throws Exception {
    Result created = docker("volume", "create", "-d", driver, "-o", "size=5", "-o", "password=hunter2", "v1");
    assertEquals("v1\n", created.out(), created::toString);
    assertTrue(plugin.volumes().contains("v1"));
    assertEquals(Map.of("size", "5", "password", "hunter2"), plugin.volume("v1").orElseThrow().options());

    Result inspected = docker("volume", "inspect", "v1");
    JsonNode volume = new ObjectMapper().readTree(inspected.out()).get(0);
    assertEquals(driver, volume.get("Driver").asText());
    assertEquals(plugin.mountpoint("v1").toString(), volume.get("Mountpoint").asText());
    assertEquals("local", volume.get("Scope").asText());
    assertEquals("********", volume.get("Status").get("options").get("password").asText());

    assertTrue(docker("volume", "ls", "-q", "--filter", "driver=" + driver).out().lines().anyMatch("v1"::equals));
    assertEquals("v1\n", docker("volume", "create", "-d", driver, "v1").out());

    Result removed = docker("volume", "rm", "v1");
    assertEquals("v1\n", removed.out(), removed::toString);
    assertFalse(plugin.volumes().contains("v1"));
  }

  @Test
  void dockerShowsThePluginsRefusalToRemoveAMountedVolume() throws Exception {
    docker("volume", "create", "-d", driver, "busy");
    UnixHttpClient.unix(plugin.unixSocket().orElseThrow())
        .post("VolumeDriver.Mount", "{\"Name\":\"busy\",\"ID\":\"holder\"}");
    Result refused = docker("volume", "rm", "busy");
    assertEquals(1, refused.status(), refused::toString);
    assertTrue(
        refused.err().contains("Failed to remove volume 'busy': it is still mounted by ID(s) holder"),
        refused::toString);
    assertTrue(plugin.volumes().contains("busy"));
    assertEquals(Set.of("holder"), plugin.mountIds("busy"));
  }

  @Test
  void dockerReachesARestartedPluginAndReportsAVolumeItDoesNotHaveAsMissing() throws Exception {
    docker("volume", "create", "-d", driver, "present");
    plugin.close();
    plugin = LocalVolumePlugin.start(PLUGINS_DIR.resolve(driver + ".sock"), tmp.resolve("plugin-root"));
    Result missing = docker("volume", "inspect", "absent");
    assertEquals(1, missing.status(), missing::toString);
    assertTrue(missing.err().contains("no such volume"), missing::toString);
    assertTrue(plugin.volumes().contains("present"));
  }

  private record Result(int status, String out, String err) {
    boolean ok() {
      return status == 0;
    }
  }

  private Result docker(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("docker", "-H", "unix://" + dockerSocket));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    Process process =
        new ProcessBuilder(command)
            .redirectInput(new File("/dev/null"))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private String log() {
    try {
      return Files.readString(tmp.resolve("dockerd.log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static Optional<Path> onPath(String binary) {
    List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
    dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"));
    return dirs.stream()
        .filter(d -> !d.isEmpty())
        .map(d -> Path.of(d, binary))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
