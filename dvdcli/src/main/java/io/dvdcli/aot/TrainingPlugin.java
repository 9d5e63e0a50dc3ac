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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of a volume plugin for the training run: one connection at a time, canned answers,
 * plain JDK sockets (so it adds nothing of its own to the archive worth mentioning). It only has
 * to be right for the fixed volume names the training run uses.
 */
final class TrainingPlugin implements AutoCloseable {
  private static final Pattern NAME = Pattern.compile("\"Name\"\\s*:\\s*\"([^\"]*)\"");

  private final ServerSocketChannel server;
  private final Path socket;
  private final Path volumes;
  private final Set<String> created = new HashSet<>();
  private final Thread thread;
  private int calls;

  private TrainingPlugin(ServerSocketChannel server, Path socket, Path volumes) {
    this.server = server;
    this.socket = socket;
    this.volumes = volumes;
    this.thread = new Thread(this::serve, "training-plugin");
    this.thread.setDaemon(true);
  }

  static TrainingPlugin start(Path socket, Path volumes) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    TrainingPlugin plugin = new TrainingPlugin(server, socket, volumes);
    plugin.thread.start();
    return plugin;
  }

  synchronized int calls() {
    return calls;
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
    Matcher m = NAME.matcher(request);
    String name = m.find() ? m.group(1) : "";
    String body;
    synchronized (this) {
      calls++;
      body = switch (method) {
        case "Plugin.Activate" -> "{\"Implements\":[\"VolumeDriver\"]}";
        case "VolumeDriver.Get" -> created.contains(name)
            ? "{\"Volume\":{\"Name\":\"" + name + "\",\"Mountpoint\":\"" + volumes.resolve(name) + "\"}}"
            : "{\"Err\":\"volume " + name + " not found\"}";
        case "VolumeDriver.Create" -> {
          created.add(name);
          yield "{}";
        }
        case "VolumeDriver.Mount" -> "{\"Mountpoint\":\"" + volumes.resolve(name) + "\",\"Err\":\"\"}";
        default -> "{\"Err\":\"\"}";
      };
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.plugins.v1.2+json\r\n"
        + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
    ch.write(ByteBuffer.wrap((head + body).getBytes(StandardCharsets.UTF_8)));
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
        for (String line : text.substring(0, end).split("\r\n")) {
          if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).trim());
          }
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
