package io.dvdcli.localplugin.http;

import io.dvdcli.localplugin.driver.VolumeBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP server of the plugin: Jetty's core API on a UNIX socket and/or a loopback TCP port.
 * Its thread pool is small on purpose: it is a test peer and a demo server sharing a small box.
 */
public final class PluginServer implements AutoCloseable {
  /** Loopback only: the protocol has no authentication. */
  public static final String TCP_HOST = "127.0.0.1";

  // One acceptor and one selector per connector, plus a few threads for calls in progress.
  private static final int MAX_THREADS = 12;
  private static final int MIN_THREADS = 2;
  private static final int IDLE_TIMEOUT_MS = 30_000;

  private final Server server;
  private final Path unixSocket;
  private final int tcpPort;

  private PluginServer(Server server, Path unixSocket, int tcpPort) {
    this.server = server;
    this.unixSocket = unixSocket;
    this.tcpPort = tcpPort;
  }

  /**
   * Starts serving {@code driver} on {@code unixSocket} (null for none) and on loopback port
   * {@code tcpPort} (null for none; 0 picks a free one).
   */
  public static PluginServer start(
      VolumeBackend driver, Path unixSocket, Integer tcpPort, Consumer<PluginCall> onCall)
      throws IOException {
    if (unixSocket == null && tcpPort == null) {
      throw new IllegalArgumentException("a UNIX socket or a TCP port is required");
    }
    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS, IDLE_TIMEOUT_MS);
    threads.setName("local-volume-plugin");
    threads.setDaemon(true);
    threads.setReservedThreads(0);
    Server server = new Server(threads);
    server.setHandler(new PluginHandler(new ProtocolEndpoint(driver), onCall));
    server.setErrorHandler(new ProtocolErrorHandler());

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    // Docker built with Go before 1.20.6 sends the socket path as Host; plugins accept it.
    http.setHttpCompliance(HttpCompliance.RFC9110.with("plugin-clients", HttpCompliance.Violation.UNSAFE_HOST_HEADER));

    Path socket = unixSocket == null ? null : unixSocket.toAbsolutePath().normalize();
    UnixDomainServerConnector unix = null;
    if (socket != null) {
      SocketFile.prepare(socket);
      unix = new UnixDomainServerConnector(server, 1, 1, new PluginConnectionFactory(http));
      unix.setUnixDomainPath(socket);
      server.addConnector(unix);
    }
    ServerConnector tcp = null;
    if (tcpPort != null) {
      tcp = new ServerConnector(server, 1, 1, new PluginConnectionFactory(http));
      tcp.setHost(TCP_HOST);
      tcp.setPort(tcpPort);
      server.addConnector(tcp);
    }
    try {
      server.start();
    } catch (Exception e) {
      stopQuietly(server);
      String where = socket != null ? "socket '" + socket + "'" : "port " + TCP_HOST + ":" + tcpPort;
      throw new IOException("Failed to listen on " + where + ": " + e.getMessage(), e);
    }
    if (socket != null) {
      SocketFile.restrict(socket);
    }
    return new PluginServer(server, socket, tcp == null ? -1 : tcp.getLocalPort());
  }

  public Optional<Path> unixSocket() {
    return Optional.ofNullable(unixSocket);
  }

  public OptionalInt tcpPort() {
    return tcpPort < 0 ? OptionalInt.empty() : OptionalInt.of(tcpPort);
  }

  /** Blocks until the server has stopped. */
  public void join() throws InterruptedException {
    server.join();
  }

  /** Stops serving and removes the socket file. */
  @Override
  public void close() throws IOException {
    stopQuietly(server);
    if (unixSocket != null) {
      Files.deleteIfExists(unixSocket);
    }
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      // Stopping a half-started server may fail; there is nothing left to release.
    }
  }
}
