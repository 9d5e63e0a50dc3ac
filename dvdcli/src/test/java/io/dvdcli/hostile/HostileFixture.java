package io.dvdcli.hostile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The folders dvdcli searches, the hostile plugin {@code hostile} on a UNIX socket in them, and
 * whatever else a case starts (a TCP plugin, a restarted plugin), all closed together.
 */
final class HostileFixture implements AutoCloseable {
  static final String DRIVER = "hostile";
  static final String TCP_DRIVER = "hostile-tcp";

  private final Path sockets;
  private final Path specs;
  private final List<AutoCloseable> started = new CopyOnWriteArrayList<>();
  private final List<Thread> restarts = new CopyOnWriteArrayList<>();
  private final HostilePlugin plugin;

  HostileFixture(Path tmp) throws IOException {
    sockets = Files.createDirectories(tmp.resolve("plugins"));
    specs = Files.createDirectories(tmp.resolve("specs"));
    plugin = track(HostilePlugin.onUnixSocket(socket()));
  }

  Path sockets() {
    return sockets;
  }

  Path specs() {
    return specs;
  }

  Path socket() {
    return sockets.resolve(DRIVER + ".sock");
  }

  HostilePlugin plugin() {
    return plugin;
  }

  /** A second plugin on loopback TCP, found as {@value #TCP_DRIVER} through a .spec file. */
  HostilePlugin tcp() throws IOException {
    HostilePlugin tcp = track(HostilePlugin.onLoopbackTcp());
    Files.writeString(specs.resolve(TCP_DRIVER + ".spec"), "tcp://127.0.0.1:" + tcp.tcpPort() + "\n");
    return tcp;
  }

  /** After {@code delay}, a well-behaved plugin starts again on the same socket (a restart). */
  void restartAfter(Duration delay) {
    Thread t = new Thread(() -> {
      try {
        Thread.sleep(delay.toMillis());
        track(HostilePlugin.onUnixSocket(socket()));
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException("restart failed", e);
      }
    }, "hostile-plugin-restart");
    t.setDaemon(true);
    restarts.add(t);
    t.start();
  }

  private <T extends AutoCloseable> T track(T c) {
    started.add(c);
    return c;
  }

  @Override
  public void close() throws Exception {
    for (Thread t : restarts) {
      t.join(5_000);
    }
    for (AutoCloseable c : started) {
      c.close();
    }
  }
}
