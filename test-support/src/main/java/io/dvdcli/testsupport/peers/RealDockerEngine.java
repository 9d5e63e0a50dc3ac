package io.dvdcli.testsupport.peers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A real Docker engine (Debian's {@code dockerd}) run as root with all its state in one temp
 * folder and no networking:
 *
 * <pre>
 * tmp/
 *   daemon.json   {} (so the host's /etc/docker/daemon.json plays no part)
 *   data/         --data-root (DockerRootDir; managed plugins under data/plugins/&lt;id&gt;/)
 *   exec/         --exec-root (containerd's state and socket)
 *   docker.sock   the API (-H unix://...)
 *   docker.pid    --pidfile
 *   dockerd.log   its stdout and stderr
 *   cli/          DOCKER_CONFIG for the docker CLI (nothing under /root/.docker)
 * </pre>
 *
 * Managed plugins' sockets still go to /run/docker/plugins/&lt;id&gt;/ on the host: the engine
 * puts them there whatever its exec-root. Skips (JUnit assumptions), saying why, when not root,
 * without dockerd or the docker CLI, or when dockerd cannot start here.
 */
public final class RealDockerEngine implements AutoCloseable {
  /** How long dockerd may take to answer: a bound against a hung daemon, not a timing check. */
  public static final Duration START_BOUND = Duration.ofSeconds(120);

  /** The docker CLI's bound for one command (plugin enable may pull nothing but waits for the socket). */
  public static final Duration CLI_BOUND = Duration.ofSeconds(120);

  private final Path tmp;
  private final Path dockerCli;
  private final Process dockerd;
  private final Set<String> pluginsToRemove = new LinkedHashSet<>();
  private final Set<String> pluginIds = new LinkedHashSet<>();
  private boolean closed;

  private RealDockerEngine(Path tmp, Path dockerCli, Process dockerd) {
    this.tmp = tmp;
    this.dockerCli = dockerCli;
    this.dockerd = dockerd;
  }

  /** Starts dockerd with its state in {@code tmp} and waits (bounded) until its API answers. */
  public static RealDockerEngine start(Path tmp) throws IOException, InterruptedException {
    Prerequisites.assumeRoot("a real Docker engine (dockerd)");
    Path dockerdBinary = Prerequisites.assumeBinary("dockerd", "docker.io");
    Path cli = Prerequisites.assumeBinary("docker", "docker.io");
    Path root = tmp.toAbsolutePath().normalize();
    Files.createDirectories(root.resolve("cli"));
    Files.writeString(root.resolve("daemon.json"), "{}\n", StandardCharsets.UTF_8);
    ProcessBuilder builder =
        new ProcessBuilder(
                dockerdBinary.toString(),
                "--config-file", root.resolve("daemon.json").toString(),
                "--data-root", root.resolve("data").toString(),
                "--exec-root", root.resolve("exec").toString(),
                "--pidfile", root.resolve("docker.pid").toString(),
                "-H", "unix://" + root.resolve("docker.sock"),
                "--storage-driver=vfs",
                "--iptables=false",
                "--ip6tables=false",
                "--bridge=none")
            .redirectErrorStream(true)
            .redirectOutput(root.resolve("dockerd.log").toFile());
    Commands.withoutPeerSettings(builder.environment());
    RealDockerEngine engine = new RealDockerEngine(root, cli, builder.start());
    try {
      engine.awaitApi();
      return engine;
    } catch (RuntimeException | Error | InterruptedException e) {
      engine.close();
      throw e;
    }
  }

  private void awaitApi() throws InterruptedException {
    Instant deadline = Instant.now().plus(START_BOUND);
    while (Instant.now().isBefore(deadline)) {
      assumeTrue(dockerd.isAlive(), () -> "dockerd could not start here (exit " + dockerd.exitValue() + "): " + logExcerpt());
      if (Files.exists(socket())) {
        try {
          HttpAnswer ping = UnixHttp.exchange(socket(), "GET", "/_ping", null, Map.of(), Duration.ofSeconds(5));
          if (ping.status() == 200) {
            return;
          }
        } catch (IOException notYet) {
          // The socket exists a moment before the API is served.
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("dockerd did not answer on " + socket() + " within " + START_BOUND + ": " + logExcerpt());
  }

  /** The temp folder holding all of this engine's state. */
  public Path dir() {
    return tmp;
  }

  /** The API's UNIX socket. */
  public Path socket() {
    return tmp.resolve("docker.sock");
  }

  /** {@code unix:///...}, for DOCKER_HOST or {@code -H}. */
  public String dockerHost() {
    return "unix://" + socket();
  }

  /** --data-root, which the engine reports as {@code DockerRootDir} in {@code GET /info}. */
  public Path dataRoot() {
    return tmp.resolve("data");
  }

  public Path log() {
    return tmp.resolve("dockerd.log");
  }

  public long pid() {
    return dockerd.pid();
  }

  /** The docker CLI against this engine, bounded by {@link #CLI_BOUND}. */
  public CommandResult docker(String... args) {
    return docker(CLI_BOUND, args);
  }

  public CommandResult docker(Duration timeout, String... args) {
    List<String> command = new ArrayList<>(List.of(dockerCli.toString(), "-H", dockerHost()));
    command.addAll(List.of(args));
    return Commands.run(command, Map.of("DOCKER_CONFIG", tmp.resolve("cli").toString()), timeout);
  }

  /** Raw {@code GET path} on the engine's socket, e.g. {@code /v1.41/plugins}: status, headers, body. */
  public HttpAnswer get(String path) throws IOException {
    return UnixHttp.get(socket(), path);
  }

  /** The last part of dockerd's log, for a failure or skip message. */
  public String logExcerpt() {
    return Commands.tail(log(), 3000);
  }

  /** Called by {@link ManagedPluginPeer}: what {@link #close()} must take away again. */
  void created(String pluginName, String pluginId) {
    pluginsToRemove.add(pluginName);
    pluginIds.add(pluginId);
  }

  void removed(String pluginName) {
    pluginsToRemove.remove(pluginName);
  }

  /**
   * Removes the plugins made through this engine, stops dockerd (SIGTERM, bounded, then
   * SIGKILL), kills what it left running (containerd, shims, plugin processes: all name this
   * temp folder or run under what does), and lazily unmounts whatever is still mounted under the
   * temp folder, so that JUnit's @TempDir can delete it.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (dockerd.isAlive()) {
      for (String plugin : List.copyOf(pluginsToRemove)) {
        docker(Duration.ofSeconds(60), "plugin", "disable", "-f", plugin);
        docker(Duration.ofSeconds(60), "plugin", "rm", "-f", plugin);
      }
      Processes.stop(dockerd, 60);
    }
    Processes.killAllMentioning(tmp + "/");
    Mounts.unmountAllUnder(tmp);
    for (String id : pluginIds) {
      // The engine removes a plugin's socket folder when it stops the plugin; not when killed.
      Path socketDir = ManagedPluginPeer.HOST_SOCKETS.resolve(id);
      try (var files = Files.list(socketDir)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
        Files.deleteIfExists(socketDir);
      } catch (IOException ignored) {
        // Already gone (the usual case).
      }
    }
  }
}
