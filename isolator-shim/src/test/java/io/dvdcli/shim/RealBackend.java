package io.dvdcli.shim;

import io.dvdcli.localplugin.LocalVolumePlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real thing: scripts/dvdcli (run from the test class path) against the reference plugin on a
 * UNIX socket in a temp folder. What is mounted is what the plugin says (its mount IDs). Breaking
 * unmounts stops the plugin; repairing starts it again on the same state.
 */
public final class RealBackend implements Backend {
  public static final String DRIVER = "local";

  private final Path socket;
  private final Path state;
  private final Map<String, String> environment;
  private LocalVolumePlugin plugin;

  public RealBackend(Path dir) throws IOException {
    Path sockets = Files.createDirectories(dir.resolve("sockets"));
    Path specs = Files.createDirectories(dir.resolve("specs"));
    this.socket = sockets.resolve(DRIVER + ".sock");
    this.state = dir.resolve("state");
    this.environment = Map.of(
        "DVDCLI_CLASSPATH", System.getProperty("java.class.path"),
        "DVDCLI_SOCKETS_DIR", sockets.toString(),
        "DVDCLI_SPECS_DIRS", specs.toString(),
        "DVDCLI_RETRY_TIMEOUT", "0",
        // As on an agent: no DVDCLI_MOUNT_ID, so each mount records its own ID (here, not in /var/lib).
        "DVDCLI_STATE_DIR", dir.resolve("dvdcli-state").toString());
    this.plugin = LocalVolumePlugin.start(socket, state);
  }

  public LocalVolumePlugin plugin() {
    return plugin;
  }

  public static Path launcher() {
    return Path.of(System.getProperty("dvdcli.root", "..")).resolve("scripts/dvdcli").toAbsolutePath();
  }

  @Override public Path dvdcli() { return launcher(); }
  @Override public Map<String, String> environment() { return environment; }
  @Override public String driver() { return DRIVER; }

  @Override
  public synchronized boolean isMounted(String name) throws IOException {
    if (plugin != null) {
      return !plugin.mountIds(name).isEmpty();
    }
    try (LocalVolumePlugin peek = LocalVolumePlugin.start(socket, state)) {
      return !peek.mountIds(name).isEmpty();
    }
  }

  @Override
  public synchronized void breakUnmounts(String name) throws IOException {
    if (plugin != null) {
      plugin.close();
      plugin = null;
    }
  }

  @Override
  public synchronized void repair(String name) throws IOException {
    if (plugin == null) {
      plugin = LocalVolumePlugin.start(socket, state);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (plugin != null) {
      plugin.close();
      plugin = null;
    }
  }
}
