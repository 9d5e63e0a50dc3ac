package io.dvdcli.localplugin;

import io.dvdcli.localplugin.driver.DirectoryVolume;
import io.dvdcli.localplugin.driver.DirectoryVolumeDriver;
import io.dvdcli.localplugin.driver.VolumeException;
import io.dvdcli.localplugin.driver.VolumeName;
import io.dvdcli.localplugin.http.PluginCall;
import io.dvdcli.localplugin.http.PluginServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The reference Docker volume plugin, running: a directory-backed driver served over the plugin
 * protocol. Tests start one on a temp folder, point a client at its socket or port, and assert on
 * its state; the {@link Main} class runs one as a process.
 *
 * <pre>{@code
 * try (LocalVolumePlugin plugin = LocalVolumePlugin.start(socketsDir.resolve("local.sock"), root)) {
 *   // ... run dvdcli with DVDCLI_SOCKETS_DIR=socketsDir --volumedriver=local ...
 *   assertEquals(Set.of("v1"), plugin.volumes());
 *   assertEquals(Set.of(mountId), plugin.mountIds("v1"));
 * }
 * }</pre>
 */
public final class LocalVolumePlugin implements AutoCloseable {
  /** How many recent calls {@link #calls()} keeps. */
  public static final int CALL_HISTORY = 1000;

  private final DirectoryVolumeDriver driver;
  private final PluginServer server;
  private final Deque<PluginCall> calls;

  private LocalVolumePlugin(DirectoryVolumeDriver driver, PluginServer server, Deque<PluginCall> calls) {
    this.driver = driver;
    this.server = server;
    this.calls = calls;
  }

  /** Serves on a UNIX socket (a stale socket file there is replaced), state under {@code stateRoot}. */
  public static LocalVolumePlugin start(Path unixSocket, Path stateRoot) throws IOException {
    return start(PluginConfig.unixSocket(unixSocket, stateRoot));
  }

  /** Serves on 127.0.0.1:{@code port} (0 = any free port; see {@link #tcpPort()}). */
  public static LocalVolumePlugin startTcp(int port, Path stateRoot) throws IOException {
    return start(PluginConfig.tcp(port, stateRoot));
  }

  public static LocalVolumePlugin start(PluginConfig config) throws IOException {
    DirectoryVolumeDriver driver = DirectoryVolumeDriver.open(config.stateRoot());
    Deque<PluginCall> calls = new ArrayDeque<>();
    PluginServer server =
        PluginServer.start(
            driver,
            config.unixSocket(),
            config.tcpPort(),
            call -> {
              synchronized (calls) {
                if (calls.size() == CALL_HISTORY) {
                  calls.removeFirst();
                }
                calls.addLast(call);
              }
              try {
                config.onCall().accept(call);
              } catch (RuntimeException e) {
                // A failing listener (a log on a closed stream) must not fail the call itself.
              }
            });
    return new LocalVolumePlugin(driver, server, calls);
  }

  /** The UNIX socket served on, if any. */
  public Optional<Path> unixSocket() {
    return server.unixSocket();
  }

  /** The loopback TCP port served on; fails if the plugin listens on a UNIX socket only. */
  public int tcpPort() {
    return server.tcpPort().orElseThrow(() -> new IllegalStateException("the plugin has no TCP listener"));
  }

  /**
   * Where clients reach the plugin, as a plugin spec file would name it: {@code unix:///path}
   * and/or {@code tcp://127.0.0.1:port}.
   */
  public List<String> addresses() {
    List<String> addresses = new ArrayList<>();
    server.unixSocket().ifPresent(socket -> addresses.add("unix://" + socket));
    server.tcpPort().ifPresent(port -> addresses.add("tcp://" + PluginServer.TCP_HOST + ":" + port));
    return addresses;
  }

  public Path stateRoot() {
    return driver.layout().root();
  }

  /** The names of all volumes, sorted. */
  public Set<String> volumes() {
    Set<String> names = new LinkedHashSet<>();
    driver.list().forEach(v -> names.add(v.name()));
    return Collections.unmodifiableSet(names);
  }

  /** The volume with its options and mount IDs, if it exists. */
  public Optional<DirectoryVolume> volume(String name) {
    try {
      return Optional.of(driver.get(name));
    } catch (VolumeException e) {
      return Optional.empty();
    }
  }

  /** The IDs that have the volume mounted, sorted; empty if none do or it does not exist. */
  public Set<String> mountIds(String name) {
    return volume(name).map(DirectoryVolume::mountIds).orElse(Set.of());
  }

  /** The path Mount answers for {@code name}, whether or not the volume exists. */
  public Path mountpoint(String name) {
    return driver.layout().mountpoint(new VolumeName(name));
  }

  /**
   * The most recent calls (up to {@link #CALL_HISTORY}), oldest first. A call is recorded before
   * its answer is sent, so a client holding an answer finds its call here.
   */
  public List<PluginCall> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** Blocks until the plugin is closed (by another thread or a shutdown hook). */
  public void awaitClosed() throws InterruptedException {
    server.join();
  }

  /** Stops serving and removes the socket file; the state stays for the next start. */
  @Override
  public void close() throws IOException {
    server.close();
  }
}
