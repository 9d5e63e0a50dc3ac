package io.dvdcli.plugin.transport;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plugin on a real UNIX socket that serves one connection: reads the whole request (its body by
 * Content-Length), waits, writes a canned answer byte for byte, closes.
 */
final class OneExchangePlugin {
  private static final Pattern CONTENT_LENGTH = Pattern.compile("Content-Length: (\\d+)");

  private OneExchangePlugin() {}

  /** Listening when this returns; the future holds the request as received (ISO-8859-1 text). */
  static CompletableFuture<String> serve(Path socket, Duration delay, String answer) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    return CompletableFuture.supplyAsync(() -> {
      try (server; SocketChannel c = server.accept()) {
        String request = readRequest(c);
        Thread.sleep(delay.toMillis());
        c.write(ByteBuffer.wrap(answer.getBytes(ISO_8859_1)));
        return request;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static String readRequest(SocketChannel c) throws IOException {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    int total = -1; // head and body, known once the head is in
    while (total < 0 || request.size() < total) {
      buf.clear();
      if (c.read(buf) < 0) {
        break;
      }
      request.write(buf.array(), 0, buf.position());
      if (total < 0) {
        String text = request.toString(ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
          Matcher m = CONTENT_LENGTH.matcher(text.substring(0, headEnd));
          total = headEnd + 4 + (m.find() ? Integer.parseInt(m.group(1)) : 0);
        }
      }
    }
    return request.toString(ISO_8859_1);
  }
}
