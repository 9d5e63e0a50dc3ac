package io.dvdcli.testsupport.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * rclone's Docker volume plugin (Debian {@code rclone}, {@code rclone serve docker}): a plugin
 * nobody on this project wrote, making real FUSE mounts. Everything it keeps is in one folder:
 *
 * <pre>
 * dir/
 *   rclone.sock   the plugin socket (so the plugin is "rclone" for a sockets-dir of dir)
 *   base/&lt;vol&gt;   where it mounts each volume (--base-dir)
 *   cache/        --cache-dir; its docker-plugin.state lets a restart restore volumes and mounts
 *   rclone.conf   an empty --config (no remote is configured: volumes use remote=:local:/dir)
 *   rclone.log    its output, appended across restarts
 * </pre>
 *
 * Skips (JUnit assumptions), saying why, when not root, without rclone, /dev/fuse or fusermount3.
 */
public final class RclonePlugin implements AutoCloseable {
  /** How long rclone may take to answer Plugin.Activate: a bound against a hung start, no more. */
  public static final Duration START_BOUND = Duration.ofSeconds(60);

  public static final String SOCKET = "rclone.sock";

  private final Path dir;
  private final Path rclone;
  private Process process;
  private boolean closed;

  private RclonePlugin(Path dir, Path rclone) {
    this.dir = dir;
    this.rclone = rclone;
  }

  /** Starts {@code rclone serve docker} with all its state in {@code dir} and waits until it answers. */
  public static RclonePlugin start(Path dir) throws IOException, InterruptedException {
    Prerequisites.assumeRoot("rclone's volume plugin (FUSE mounts)");
    Path rclone = Prerequisites.assumeBinary("rclone", "rclone");
    Prerequisites.assumeBinary("fusermount3", "fuse3");
    Prerequisites.assumeDevice(Path.of("/dev/fuse"), "FUSE mounts need it (a container needs --device /dev/fuse)");
    Path root = dir.toAbsolutePath().normalize();
    Files.createDirectories(root.resolve("base"));
    Files.createDirectories(root.resolve("cache"));
    if (!Files.exists(root.resolve("rclone.conf"))) {
      Files.createFile(root.resolve("rclone.conf"));
    }
    RclonePlugin plugin = new RclonePlugin(root, rclone);
    try {
      plugin.launch();
      return plugin;
    } catch (RuntimeException | Error | IOException | InterruptedException e) {
      plugin.close();
      throw e;
    }
  }

  private void launch() throws IOException, InterruptedException {
    Files.deleteIfExists(socket());
    ProcessBuilder builder =
        new ProcessBuilder(
                rclone.toString(),
                "serve", "docker",
                "--socket-addr", socket().toString(),
                "--base-dir", baseDir().toString(),
                "--config", dir.resolve("rclone.conf").toString(),
                "--cache-dir", dir.resolve("cache").toString(),
                // No spec file under /etc/docker/plugins: only this socket names the plugin.
                "--no-spec",
                "--log-level", "INFO")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Commands.withoutPeerSettings(builder.environment());
    // rclone reads nothing from HOME once --config and --cache-dir are given; keep it here anyway.
    builder.environment().put("HOME", dir.toString());
    builder.environment().put("XDG_CONFIG_HOME", dir.resolve("xdg-config").toString());
    builder.environment().put("XDG_CACHE_HOME", dir.resolve("xdg-cache").toString());
    process = builder.start();
    awaitActivate();
  }

  private void awaitActivate() throws InterruptedException {
    Instant deadline = Instant.now().plus(START_BOUND);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("rclone serve docker exited (" + process.exitValue() + "): " + Commands.tail(log(), 3000));
      }
      if (Files.exists(socket())) {
        try {
          if (call("Plugin.Activate", null).status() == 200) {
            return;
          }
        } catch (IOException notYet) {
          // Listening a moment after the socket file appears.
        }
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("rclone did not answer Plugin.Activate within " + START_BOUND + ": " + Commands.tail(log(), 3000));
  }

  /** The folder holding everything, and rclone.sock: dvdcli's sockets-dir for plugin "rclone". */
  public Path dir() {
    return dir;
  }

  /** Where the plugin's socket is; the plugin's name there is {@code rclone}. */
  public Path socketsDir() {
    return dir;
  }

  public Path socket() {
    return dir.resolve(SOCKET);
  }

  /** rclone mounts volume V at {@code baseDir()/V}. */
  public Path baseDir() {
    return dir.resolve("base");
  }

  public Path log() {
    return dir.resolve("rclone.log");
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The option that makes a volume backed by a local folder: {@code remote=:local:<folder>}. */
  public static String localRemote(Path folder) {
    return ":local:" + folder.toAbsolutePath().normalize();
  }

  /** A raw plugin call (POST /method, Docker's headers): status and body as rclone sent them. */
  public HttpAnswer call(String method, String jsonBody) throws IOException {
    return UnixHttp.pluginCall(socket(), method, jsonBody);
  }

  /**
   * SIGTERM (bounded, then SIGKILL). rclone then unmounts every volume and forgets their mount
   * IDs (seen with rclone 1.60: its state keeps the volumes with {@code "mounts": []}), so a
   * consumer still using a mount loses it. The state in cache/ stays for {@link #restart()}.
   */
  public void stop() {
    if (process != null && process.isAlive()) {
      Processes.stop(process, 30);
    }
  }

  /**
   * SIGKILL, as a crash: the FUSE mounts stay in the mount table but are dead ("Transport endpoint
   * is not connected"), and the state still lists their mount IDs. What a {@link #restart()} then
   * does (rclone 1.60, seen here): on top of the dead mount it serves again but drops that volume
   * for good ({@code NOTICE: Failed to restore volume "v1": lstat ...: transport endpoint is not
   * connected}; Get answers {@code volume not found}); with the dead mount cleared first
   * ({@link #clearDeadMounts()}) it remounts the volume but never serves its socket (hangs in its
   * state restore; rclone/rclone#9853 "stale mounts state also blocks plugin start"), so restart()
   * fails after {@link #START_BOUND}.
   */
  public void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  /** Lazily unmounts every mount under the base folder (what is left after {@link #kill()}). */
  public List<Mounts.Mount> clearDeadMounts() {
    return Mounts.unmountAllUnder(baseDir());
  }

  /** Stops it if running and starts it again on the same folder; rclone restores its volumes. */
  public void restart() throws IOException, InterruptedException {
    stop();
    launch();
  }

  /** Stops rclone and lazily unmounts any FUSE mount it left under its folder. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    stop();
    List<Mounts.Mount> left = Mounts.unmountAllUnder(dir);
    if (!left.isEmpty()) {
      System.err.println("RclonePlugin: still mounted after umount -l: " + left);
    }
  }
}
