package io.dvdcli.localplugin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A minimal HTTP/1.1 client over a real socket, as a plugin client talks: one request per
 * connection, {@code Connection: close}, body read to the end of the stream.
 */
final class UnixHttpClient {
  record Response(int status, String contentType, String body) {}

  private final SocketAddress address;

  private UnixHttpClient(SocketAddress address) {
    this.address = address;
  }

  static UnixHttpClient unix(Path socket) {
    return new UnixHttpClient(UnixDomainSocketAddress.of(socket));
  }

  static UnixHttpClient tcp(int port) {
    return new UnixHttpClient(new InetSocketAddress("127.0.0.1", port));
  }

  Response post(String method, String body) throws IOException {
    return send("POST", "/" + method, body);
  }

  Response send(String httpMethod, String path, String body) throws IOException {
    return send(httpMethod, path, "Host: plugin.moby.localhost\r\n", body);
  }

  /** Sends {@code hostLines} (each ending in CRLF, or empty for none) as the Host header. */
  Response send(String httpMethod, String path, String hostLines, String body) throws IOException {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    String head =
        httpMethod + " " + path + " HTTP/1.1\r\n"
            + hostLines
            + "Accept: application/vnd.docker.plugins.v1.2+json\r\n"
            + "Content-Type: application/json\r\n"
            + "Content-Length: " + content.length + "\r\n"
            + "Connection: close\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[headBytes.length + content.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(content, 0, request, headBytes.length, content.length);
    return sendRaw(request);
  }

  /** Sends {@code request} exactly as given and reads the answer until the server closes. */
  Response sendRaw(byte[] request) throws IOException {
    try (SocketChannel channel = SocketChannel.open(address)) {
      var out = Channels.newOutputStream(channel);
      out.write(request);
      out.flush();
      return parse(Channels.newInputStream(channel));
    }
  }

  private static Response parse(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    String text = all.toString(StandardCharsets.UTF_8);
    int split = text.indexOf("\r\n\r\n");
    if (split < 0) {
      throw new IOException("no HTTP header in: " + text);
    }
    String[] lines = text.substring(0, split).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    String contentType = null;
    boolean chunked = false;
    for (String line : lines) {
      String lower = line.toLowerCase();
      if (lower.startsWith("content-type:")) {
        contentType = line.substring(line.indexOf(':') + 1).trim();
      }
      if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    String body = text.substring(split + 4);
    return new Response(status, contentType, chunked ? dechunk(body) : body);
  }

  private static String dechunk(String body) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (true) {
      int eol = body.indexOf("\r\n", at);
      int size = Integer.parseInt(body.substring(at, eol).trim(), 16);
      if (size == 0) {
        return out.toString();
      }
      out.append(body, eol + 2, eol + 2 + size);
      at = eol + 2 + size + 2;
    }
  }
}
