package io.dvdcli.shim;

import io.dvdcli.testsupport.peers.Mounts;
import io.dvdcli.testsupport.peers.RclonePlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * rclone's Docker volume plugin (real FUSE mounts of local folders) behind scripts/dvdcli, as on
 * an agent (no DVDCLI_MOUNT_ID). A volume is mounted when its FUSE mount is there. Breaking
 * unmounts hides the plugin's socket (rclone keeps running and its mounts stay, as with a plugin
 * that cannot be reached); repairing puts the socket back.
 */
final class RcloneBackend implements Backend {
  private final RclonePlugin rclone;
  private final Path remotes;
  private final Map<String, String> environment;

  RcloneBackend(Path dir) throws IOException, InterruptedException {
    this.rclone = RclonePlugin.start(dir.resolve("rclone"));
    this.remotes = Files.createDirectories(dir.resolve("remotes"));
    Path specs = Files.createDirectories(dir.resolve("specs"));
    this.environment = Map.of(
        "DVDCLI_CLASSPATH", System.getProperty("java.class.path"),
        "DVDCLI_SOCKETS_DIR", rclone.socketsDir().toString(),
        "DVDCLI_SPECS_DIRS", specs.toString(),
        "DVDCLI_RETRY_TIMEOUT", "0",
        "DVDCLI_STATE_DIR", dir.resolve("dvdcli-state").toString());
  }

  @Override public Path dvdcli() { return RealBackend.launcher(); }
  @Override public Map<String, String> environment() { return environment; }
  @Override public String driver() { return "rclone"; }

  @Override
  public Map<String, String> options(String name) {
    return Map.of("remote", RclonePlugin.localRemote(remotes.resolve(name)));
  }

  @Override
  public boolean isMounted(String name) {
    return Mounts.isMountPoint(rclone.baseDir().resolve(name));
  }

  @Override
  public void breakUnmounts(String name) throws IOException {
    Files.move(rclone.socket(), hidden(), StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void repair(String name) throws IOException {
    if (Files.exists(hidden())) {
      Files.move(hidden(), rclone.socket(), StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private Path hidden() {
    return rclone.socket().resolveSibling(".hidden-" + rclone.socket().getFileName());
  }

  @Override
  public void close() throws IOException {
    repair(null);
    rclone.close();
  }
}
