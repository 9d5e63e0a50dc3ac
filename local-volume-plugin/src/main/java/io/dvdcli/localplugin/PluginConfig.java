package io.dvdcli.localplugin;

import io.dvdcli.localplugin.http.PluginCall;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to start a {@link LocalVolumePlugin}: its state root and where it listens (a UNIX socket, a
 * loopback TCP port, or both).
 *
 * @param stateRoot the folder holding {@code state.json} and the volume directories
 * @param unixSocket the socket to serve on, or null
 * @param tcpPort the loopback port to serve on (0 = any free one), or null
 * @param onCall told about every call after it is answered (e.g. to log it)
 */
public record PluginConfig(
    Path stateRoot, Path unixSocket, Integer tcpPort, Consumer<PluginCall> onCall) {

  public PluginConfig {
    Objects.requireNonNull(stateRoot, "stateRoot");
    if (unixSocket == null && tcpPort == null) {
      throw new IllegalArgumentException("a UNIX socket or a TCP port is required");
    }
    if (tcpPort != null && (tcpPort < 0 || tcpPort > 65535)) {
      throw new IllegalArgumentException("TCP port out of range: " + tcpPort);
    }
    onCall = onCall == null ? call -> {} : onCall;
  }

  public static PluginConfig unixSocket(Path socket, Path stateRoot) {
    return new PluginConfig(stateRoot, Objects.requireNonNull(socket, "socket"), null, null);
  }

  public static PluginConfig tcp(int port, Path stateRoot) {
    return new PluginConfig(stateRoot, null, port, null);
  }

  public PluginConfig withTcpPort(int port) {
    return new PluginConfig(stateRoot, unixSocket, port, onCall);
  }

  public PluginConfig withOnCall(Consumer<PluginCall> listener) {
    return new PluginConfig(stateRoot, unixSocket, tcpPort, listener);
  }
}
