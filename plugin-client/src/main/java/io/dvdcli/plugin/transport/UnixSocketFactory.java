package io.dvdcli.plugin.transport;

import io.dvdcli.startup.LeanSecurity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import javax.net.SocketFactory;

/**
 * Lets OkHttp speak HTTP over a UNIX socket with the JDK alone (JDK 16+ UNIX-domain channels).
 * OkHttp asks for an unconnected socket and connects it to the address it resolved; we ignore that
 * address and connect to the plugin's socket file instead. Timeouts do not rely on SO_TIMEOUT
 * (channel streams ignore it): OkHttp's call timeout closes the socket, which unblocks a read.
 */
public final class UnixSocketFactory extends SocketFactory {
  private final Path socketPath;

  public UnixSocketFactory(Path socketPath) {
    this.socketPath = socketPath;
  }

  @Override
  public Socket createSocket() {
    return new UnixSocket(socketPath);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected();
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected();
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected();
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected();
  }

  private Socket connected() throws IOException {
    Socket socket = createSocket();
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    return socket;
  }

  private static final class UnixSocket extends Socket {
    private final Path path;
    private SocketChannel channel;
    private InputStream in;
    private OutputStream out;
    private volatile boolean closed;

    UnixSocket(Path path) {
      this.path = path;
    }

    @Override
    public void connect(SocketAddress ignored) throws IOException {
      connect(ignored, 0);
    }

    @Override
    public void connect(SocketAddress ignored, int timeoutMillis) throws IOException {
      LeanSecurity.prepareUnixSockets();
      SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        // A UNIX connect either succeeds or fails at once; there is nothing to time out.
        ch.connect(UnixDomainSocketAddress.of(path));
      } catch (IOException e) {
        ch.close();
        throw e;
      }
      channel = ch;
      in = Channels.newInputStream(ch);
      out = Channels.newOutputStream(ch);
    }

    @Override
    public InputStream getInputStream() throws IOException {
      requireConnected();
      return in;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
      requireConnected();
      return out;
    }

    private void requireConnected() throws IOException {
      if (channel == null) {
        throw new IOException("UNIX socket " + path + " is not connected");
      }
    }

    @Override
    public boolean isConnected() {
      return channel != null && channel.isConnected();
    }

    @Override
    public boolean isClosed() {
      return closed;
    }

    @Override
    public synchronized void close() throws IOException {
      closed = true;
      if (channel != null) {
        channel.close();
      }
    }

    @Override
    public void shutdownInput() throws IOException {
      if (channel != null) {
        channel.shutdownInput();
      }
    }

    @Override
    public void shutdownOutput() throws IOException {
      if (channel != null) {
        channel.shutdownOutput();
      }
    }

    @Override
    public boolean isInputShutdown() {
      return closed;
    }

    @Override
    public boolean isOutputShutdown() {
      return closed;
    }

    @Override
    public InetAddress getInetAddress() {
      return InetAddress.getLoopbackAddress();
    }

    @Override
    public void setSoTimeout(int timeout) {
      // Ignored on purpose: see the class comment.
    }

    @Override
    public String toString() {
      return "UnixSocket[" + path + "]";
    }
  }
}
