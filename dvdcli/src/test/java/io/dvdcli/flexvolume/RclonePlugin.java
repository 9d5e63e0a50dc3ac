package io.dvdcli.flexvolume;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * rclone's Docker volume plugin (Debian {@code rclone}), started as a real process on a UNIX socket
 * in the test's plugin folder: its volumes are real FUSE mounts under {@code base}, and it counts
 * mount IDs as the protocol asks (a second Mount with an ID it holds is refused).
 */
final class RclonePlugin implements AutoCloseable {
  final Path base;
  private final Process process;

  private RclonePlugin(Path base, Process process) {
    this.base = base;
    this.process = process;
  }

  /** Why rclone's plugin cannot run here, or null when it can. */
  static String unavailable() {
    if (!FlexvolumeNode.isRoot()) {
      return "FUSE and bind mounts need root (CI runs as root)";
    }
    if (!Files.exists(Path.of("/dev/fuse"))) {
      return "no /dev/fuse";
    }
    if (!Files.isExecutable(Path.of("/usr/bin/rclone")) || !Files.isExecutable(Path.of("/usr/bin/fusermount3"))) {
      return "rclone or fuse3 is not installed (.ci/run installs both)";
    }
    return null;
  }

  static RclonePlugin start(Path socketsDir, Path work) throws Exception {
    Path base = Files.createDirectories(work.resolve("rclone-base"));
    Path socket = socketsDir.resolve("rclone.sock");
    Process process = new ProcessBuilder("/usr/bin/rclone", "serve", "docker",
        "--socket-addr", socket.toString(), "--base-dir", base.toString(),
        "--cache-dir", work.resolve("rclone-cache").toString(), "--config", work.resolve("rclone.conf").toString())
        .redirectErrorStream(true).redirectOutput(work.resolve("rclone.log").toFile())
        .redirectInput(new File("/dev/null")).start();
    RclonePlugin plugin = new RclonePlugin(base, process);
    try {
      FlexvolumeNode.await("rclone's socket " + socket, () -> {
        if (!process.isAlive()) {
          throw new IOException("rclone ended: " + Files.readString(work.resolve("rclone.log")));
        }
        return Files.exists(socket);
      });
    } catch (Exception e) {
      plugin.close();
      throw e;
    }
    return plugin;
  }

  Path mountpoint(String volume) {
    return base.resolve(volume);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
