package io.dvdcli.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A volume plugin that misbehaves on purpose, on a real UNIX socket (or loopback TCP, for a true
 * TCP reset). It is a raw-socket server on {@link ServerSocketChannel} rather than Jetty or
 * WireMock because the faults live below HTTP: a connection closed half-way through the headers, a
 * body that trickles one byte at a time, a Content-Length of 2 GB that is never honoured, a reset,
 * a {@code 100 Continue} with nothing after it. An HTTP server library would repair or refuse to
 * produce exactly these byte streams.
 *
 * <p>Each method is answered by a {@link Behaviour}; unscripted methods answer as a well-behaved
 * plugin. Connections are closed after one answer. {@link #close()} ends every hung behaviour, so
 * tests finish as soon as dvdcli gives up.
 */
public final class HostilePlugin implements AutoCloseable {
  /** What the plugin does with one request. */
  @FunctionalInterface
  public interface Behaviour {
    void answer(Exchange exchange) throws IOException, InterruptedException;
  }

  /** One request as received, and the raw connection to answer it on. */
  public final class Exchange {
    private final SocketChannel channel;
    private final String method;
    private final String body;

    Exchange(SocketChannel channel, String method, String body) {
      this.channel = channel;
      this.method = method;
      this.body = body;
    }

    public String method() {
      return method;
    }

    public String body() {
      return body;
    }

    public void write(byte[] bytes) throws IOException {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        channel.write(b);
      }
    }

    public void write(String text) throws IOException {
      write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Waits until the test closes the plugin: a hung plugin. */
    public void hang() throws InterruptedException {
      closing.await();
    }

    /** Sleeps, but wakes up early when the test closes the plugin; true when closing. */
    public boolean pause(Duration d) throws InterruptedException {
      return closing.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes the connection so the client sees a reset rather than an orderly end of stream. */
    public void reset() throws IOException {
      try {
        channel.setOption(StandardSocketOptions.SO_LINGER, 0); // TCP: an RST on close
      } catch (UnsupportedOperationException unixSocket) {
        // UNIX sockets have no RST; closing with unread input makes the peer's read fail with
        // ECONNRESET, and the caller leaves the request body unread for that.
      }
      channel.close();
    }

    public HostilePlugin plugin() {
      return HostilePlugin.this;
    }
  }

  private final ServerSocketChannel server;
  private final Path socket;
  private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
  private final Set<String> resetBeforeBody = ConcurrentHashMap.newKeySet();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Thread acceptor;

  private HostilePlugin(ServerSocketChannel server, Path socket) {
    this.server = server;
    this.socket = socket;
    this.acceptor = new Thread(this::acceptLoop, "hostile-plugin-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static HostilePlugin onUnixSocket(Path socket) throws IOException {
    Files.deleteIfExists(socket);
    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    s.bind(UnixDomainSocketAddress.of(socket));
    return new HostilePlugin(s, socket);
  }

  public static HostilePlugin onLoopbackTcp() throws IOException {
    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.INET);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    return new HostilePlugin(s, null);
  }

  public int tcpPort() throws IOException {
    SocketAddress a = server.getLocalAddress();
    return ((InetSocketAddress) a).getPort();
  }

  public Path socket() {
    return socket;
  }

  public HostilePlugin on(String method, Behaviour behaviour) {
    behaviours.put(method, behaviour);
    return this;
  }

  /** Answers {@code method} by dropping the connection before reading the request body. */
  public HostilePlugin resetOn(String method) {
    resetBeforeBody.add(method);
    return this;
  }

  /** A request as received: the method and the body, as text. */
  public record Request(String method, String body) {}

  /** The methods called, in order. */
  public List<String> methods() {
    return requests.stream().map(Request::method).toList();
  }

  /** The requests received, in order (the body is empty for a connection reset before it was read). */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /**
   * The plugin process dies: it stops listening, and its socket file stays behind as a dead
   * process's does (a stale socket). Returns once nothing listens: closing a channel that another
   * thread is accepting on only signals that thread, and until it wakes up the socket still takes
   * connections (on a busy host a client's next connect got there first, and was served).
   */
  public void die() throws IOException {
    server.close();
    try {
      acceptor.join(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while the plugin was dying", e);
    }
    if (acceptor.isAlive()) {
      throw new IllegalStateException("the plugin still accepts connections 60 s after it died");
    }
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      try {
        SocketChannel c = server.accept();
        open.add(c);
        Thread t = new Thread(() -> serve(c), "hostile-plugin-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(SocketChannel c) {
    try (c) {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      ByteBuffer one = ByteBuffer.allocate(1);
      while (!endsWithBlankLine(head)) {
        one.clear();
        if (c.read(one) < 0) {
          return;
        }
        head.write(one.array()[0]);
      }
      String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
      String method = lines[0].split(" ")[1].substring(1);
      if (resetBeforeBody.contains(method)) {
        requests.add(new Request(method, ""));
        new Exchange(c, method, "").reset();
        return;
      }
      int length = 0;
      for (String h : lines) {
        if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(h.substring(15).trim());
        }
      }
      ByteBuffer body = ByteBuffer.allocate(length);
      while (body.hasRemaining() && c.read(body) >= 0) {
        // read the whole body
      }
      Exchange x = new Exchange(c, method, new String(body.array(), StandardCharsets.UTF_8));
      requests.add(new Request(method, x.body()));
      behaviours.getOrDefault(method, HostilePlugin::wellBehaved).answer(x);
    } catch (IOException | InterruptedException | RuntimeException clientWentAway) {
      // dvdcli gave up (timeout, cap reached) or the test closed the plugin: nothing to do.
    } finally {
      open.remove(c);
    }
  }

  private static boolean endsWithBlankLine(ByteArrayOutputStream b) {
    byte[] a = b.toByteArray();
    int n = a.length;
    return n >= 4 && a[n - 4] == '\r' && a[n - 3] == '\n' && a[n - 2] == '\r' && a[n - 1] == '\n';
  }

  /** A plugin that does its job: the default for every method not scripted. */
  public static void wellBehaved(Exchange x) throws IOException, InterruptedException {
    String name = x.body().replaceAll("(?s).*\"Name\":\"([^\"]*)\".*", "$1");
    String json = switch (x.method()) {
      case "Plugin.Activate" -> "{\"Implements\":[\"VolumeDriver\"]}";
      case "VolumeDriver.Get" -> "{\"Volume\":{\"Name\":\"" + name + "\"}}";
      case "VolumeDriver.Mount", "VolumeDriver.Path" -> "{\"Mountpoint\":\"/mnt/" + name + "\"}";
      default -> "{\"Err\":\"\"}";
    };
    Behaviours.json(200, json).answer(x);
  }

  @Override
  public void close() throws IOException {
    closing.countDown();
    server.close();
    for (SocketChannel c : open) {
      c.close();
    }
    if (socket != null) {
      Files.deleteIfExists(socket);
    }
  }
}
