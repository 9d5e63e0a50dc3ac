package io.dvdcli.testsupport.peers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Raw HTTP/1.1 over a UNIX socket, one request per connection ({@code Connection: close}), read to
 * the end: what a peer really sends, with no client library in between to normalise it. Every
 * exchange is bounded: past the timeout the channel is closed and the call fails.
 */
public final class UnixHttp {
  /** What Docker sends to a volume plugin (moby pkg/plugins). */
  public static final String PLUGIN_MEDIA_TYPE = "application/vnd.docker.plugins.v1.2+json";

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "unix-http-watchdog");
            thread.setDaemon(true);
            return thread;
          });

  private UnixHttp() {}

  /** {@code GET path} (e.g. the engine's {@code /v1.41/plugins}). */
  public static HttpAnswer get(Path socket, String path) throws IOException {
    return exchange(socket, "GET", path, null, Map.of(), DEFAULT_TIMEOUT);
  }

  /** A plugin call as Docker makes it: {@code POST /<method>} with the plugin media type. */
  public static HttpAnswer pluginCall(Path socket, String method, String jsonBody) throws IOException {
    return exchange(socket, "POST", "/" + method, jsonBody, Map.of("Accept", PLUGIN_MEDIA_TYPE), DEFAULT_TIMEOUT);
  }

  /** One request; {@code body} null sends none (Docker's Plugin.Activate has an empty body). */
  public static HttpAnswer exchange(
      Path socket, String method, String path, String body, Map<String, String> headers, Duration timeout)
      throws IOException {
    byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder request = new StringBuilder();
    request.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    // Current moby's Host for UNIX sockets; every peer here accepts it.
    request.append("Host: plugin.moby.localhost\r\n");
    request.append("Connection: close\r\n");
    request.append("User-Agent: dvdcli-test-support\r\n");
    headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    if (body != null) {
      request.append("Content-Type: application/json\r\n");
    }
    request.append("Content-Length: ").append(payload.length).append("\r\n\r\n");

    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> closeQuietly(channel), timeout.toMillis(), TimeUnit.MILLISECONDS);
      try {
        channel.connect(UnixDomainSocketAddress.of(socket));
        writeAll(channel, request.toString().getBytes(StandardCharsets.ISO_8859_1));
        writeAll(channel, payload);
        return parse(readAll(channel));
      } catch (IOException e) {
        if (watchdog.isDone()) {
          throw new IOException(method + " " + path + " on " + socket + ": no answer within " + timeout, e);
        }
        throw e;
      } finally {
        watchdog.cancel(false);
      }
    }
  }

  private static void writeAll(SocketChannel channel, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  private static byte[] readAll(SocketChannel channel) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
    while (channel.read(buffer) >= 0) {
      buffer.flip();
      out.write(buffer.array(), 0, buffer.limit());
      buffer.clear();
    }
    return out.toByteArray();
  }

  static HttpAnswer parse(byte[] raw) throws IOException {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IOException("not an HTTP answer (no end of headers): " + text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    String statusLine = lines[0];
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("not an HTTP status line: " + statusLine);
    }
    int status;
    try {
      status = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("not an HTTP status line: " + statusLine, e);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers
            .computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
            .add(lines[i].substring(colon + 1).trim());
      }
    }
    byte[] bodyBytes = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    if (headers.getOrDefault("transfer-encoding", List.of()).stream().anyMatch(v -> v.equalsIgnoreCase("chunked"))) {
      bodyBytes = dechunk(bodyBytes);
    }
    return new HttpAnswer(statusLine, status, headers, new String(bodyBytes, StandardCharsets.UTF_8), text);
  }

  private static byte[] dechunk(byte[] chunked) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (true) {
      int lineEnd = indexOfCrlf(chunked, at);
      if (lineEnd < 0) {
        throw new IOException("truncated chunked body");
      }
      String sizeField = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
      int size;
      try {
        size = Integer.parseInt(sizeField, 16);
      } catch (NumberFormatException e) {
        throw new IOException("bad chunk size: " + sizeField, e);
      }
      at = lineEnd + 2;
      if (size == 0) {
        return out.toByteArray();
      }
      if (at + size > chunked.length) {
        throw new IOException("truncated chunk");
      }
      out.write(chunked, at, size);
      at += size + 2;
    }
  }

  private static int indexOfCrlf(byte[] bytes, int from) {
    for (int i = from; i + 1 < bytes.length; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Closing only to end a read that waits too long.
    }
  }
}
