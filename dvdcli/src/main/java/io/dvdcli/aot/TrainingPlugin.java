package io.dvdcli.aot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Just enough of a volume plugin for the training run: one connection at a time, canned answers,
 * plain JDK sockets. It only has to be right for the fixed volume names the training run uses.
 *
 * <p>It runs in a JVM of its own, which the launcher starts beside the trained one
 * ({@code DVDCLI_ARCHIVE_PEER}): every class the trained JVM loads goes into the archive, an AOT
 * cache's classes are all loaded by every call, and a server's are not a call's (a listening
 * channel, its network set-up, a thread). Run: {@code TrainingPlugin DIR}; it listens on
 * {@code DIR/training.sock}, creates {@code DIR/ready} once it does, keeps the number of calls it
 * answered in {@code DIR/calls}, and ends when stopped or after {@link #LIFETIME_MS}.
 */
public final class TrainingPlugin implements AutoCloseable {
  /** Bound on its life if whoever started it is gone without stopping it. */
  static final long LIFETIME_MS = 300_000;

  private final ServerSocketChannel server;
  private final Path socket;
  private final Path volumes;
  private final Path callsFile;
  private final Set<String> created = new HashSet<>();
  private int calls;

  private TrainingPlugin(ServerSocketChannel server, Path socket, Path volumes, Path callsFile) {
    this.server = server;
    this.socket = socket;
    this.volumes = volumes;
    this.callsFile = callsFile;
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: TrainingPlugin DIR");
      Runtime.getRuntime().halt(2);
    }
    Path dir = Path.of(args[0]);
    TrainingPlugin plugin = start(dir.resolve(TrainingRun.SOCKET), dir.resolve("volumes"), dir.resolve(TrainingRun.CALLS));
    Thread serving = new Thread(plugin::serve, "training-plugin");
    serving.setDaemon(true);
    serving.start();
    Files.writeString(dir.resolve(TrainingRun.READY), "");
    try {
      serving.join(LIFETIME_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    plugin.close();
    Runtime.getRuntime().halt(0);
  }

  static TrainingPlugin start(Path socket, Path volumes, Path callsFile) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    return new TrainingPlugin(server, socket, volumes, callsFile);
  }

  private void serve() {
    while (server.isOpen()) {
      try (SocketChannel ch = server.accept()) {
        answer(ch);
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void answer(SocketChannel ch) throws IOException {
    String request = readRequest(ch);
    String method = request.substring(request.indexOf('/') + 1, request.indexOf(' ', request.indexOf('/')));
    String name = nameIn(request);
    String body;
    boolean missing;
    synchronized (this) {
      calls++;
      // Before the answer: once a call has its answer, the count on disk includes it.
      Files.writeString(callsFile, Integer.toString(calls), StandardCharsets.US_ASCII);
      // A Get of a volume not created is answered as real plugins answer it (rclone's, captured in
      // test-support's captured/rclone/get-missing.http): HTTP 500 and {"Err":...}, so that the archive
      // holds the error path an implicit create takes.
      missing = method.equals("VolumeDriver.Get") && !created.contains(name);
      body = switch (method) {
        case "Plugin.Activate" -> "{\"Implements\":[\"VolumeDriver\"]}";
        case "VolumeDriver.Get" -> !missing
            ? "{\"Volume\":{\"Name\":\"" + name + "\",\"Mountpoint\":\"" + volumes.resolve(name) + "\"}}"
            : "{\"Err\":\"volume not found\"}\n";
        case "VolumeDriver.Create" -> {
          created.add(name);
          yield "{}";
        }
        case "VolumeDriver.Mount" -> "{\"Mountpoint\":\"" + volumes.resolve(name) + "\",\"Err\":\"\"}";
        default -> "{\"Err\":\"\"}";
      };
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head = (missing ? "HTTP/1.1 500 Internal Server Error" : "HTTP/1.1 200 OK")
        + "\r\nContent-Type: application/vnd.docker.plugins.v1.2+json\r\n"
        + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
    ch.write(ByteBuffer.wrap((head + body).getBytes(StandardCharsets.UTF_8)));
  }

  /** The value of the body's "Name" (the client writes it without spaces). */
  private static String nameIn(String request) {
    int key = request.indexOf("\"Name\":\"");
    if (key < 0) {
      return "";
    }
    int start = key + 8;
    return request.substring(start, request.indexOf('"', start));
  }

  private static String readRequest(SocketChannel ch) throws IOException {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    ByteBuffer buf = ByteBuffer.allocate(4096);
    int bodyStart = -1;
    int length = 0;
    while (bodyStart < 0 || seen.size() < bodyStart + length) {
      buf.clear();
      if (ch.read(buf) < 0) {
        break;
      }
      seen.write(buf.array(), 0, buf.position());
      String text = seen.toString(StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      if (bodyStart < 0 && end >= 0) {
        bodyStart = end + 4;
        int at = text.toLowerCase(Locale.ROOT).indexOf("\r\ncontent-length:");
        if (at >= 0 && at < end) {
          length = Integer.parseInt(text.substring(at + 17, text.indexOf("\r\n", at + 2)).trim());
        }
      }
    }
    return seen.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    server.close();
    Files.deleteIfExists(socket);
  }
}
