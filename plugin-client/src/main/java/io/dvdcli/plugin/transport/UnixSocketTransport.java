package io.dvdcli.plugin.transport;

import io.dvdcli.protocol.PluginProtocol;
import io.dvdcli.startup.LeanSecurity;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * HTTP over a UNIX socket, for plugins (the agent's hot path) and the Docker engine alike: one
 * HTTP/1.1 exchange per call on a JDK {@link SocketChannel}, {@code Connection: close}, no pooling.
 * OkHttp (and the Kotlin runtime it starts) was the largest start-up share left on a mount (see
 * {@link io.dvdcli.startup}), and these calls need a small part of HTTP: a POST with a
 * Content-Length body or a bodiless GET, and an answer with a Content-Length, chunked or
 * read-to-close body. Non-blocking I/O bounds every wait by the call's time limit
 * ({@link Readiness}); the answer is read up to the cap and no further. Anything else a plugin might send
 * (1xx first, redirects, cut-off headers) is handled as OkHttp did, with the same words.
 */
final class UnixSocketTransport implements Transport {
  static final int MAX_HEADER_BYTES = 256 * 1024;

  private final Path socket;

  UnixSocketTransport(Path socket) {
    this.socket = socket;
  }

  @Override
  public Answer post(String method, byte[] body, Duration timeout, long maxBodyBytes) throws IOException {
    return exchange(request("POST", method, body), timeout, maxBodyBytes);
  }

  @Override
  public Answer get(String path, Duration timeout, long maxBodyBytes) throws IOException {
    return exchange(request("GET", path, null), timeout, maxBodyBytes);
  }

  private Answer exchange(byte[] request, Duration timeout, long maxBodyBytes) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    LeanSecurity.prepareUnixSockets();
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket)); // refused or missing: fails at once
      channel.configureBlocking(false);
      try (Readiness readiness = new Readiness(channel, deadline)) {
        Exchange x = new Exchange(channel, readiness);
        x.write(request);
        return x.readAnswer(maxBodyBytes);
      }
    }
  }

  /** A plugin call (POST with the protocol's media type and a body) or an engine question (GET). */
  private static byte[] request(String verb, String path, byte[] body) {
    String head = verb + " /" + path + " HTTP/1.1\r\n"
        + "Host: " + PluginProtocol.UNIX_SOCKET_HOST + "\r\n"
        + (body == null ? "" : "Accept: " + PluginProtocol.MEDIA_TYPE + "\r\n"
            + "Content-Length: " + body.length + "\r\n")
        + "Connection: close\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    if (body == null) {
      return h;
    }
    byte[] all = new byte[h.length + body.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }

  /** One request and its answer on a non-blocking channel, every wait bounded by the deadline. */
  private static final class Exchange {
    private final SocketChannel channel;
    private final Readiness readiness;
    private final ByteBuffer in = ByteBuffer.allocate(8192).flip();
    private boolean eof;

    Exchange(SocketChannel channel, Readiness readiness) {
      this.channel = channel;
      this.readiness = readiness;
    }

    void write(byte[] bytes) throws IOException {
      ByteBuffer out = ByteBuffer.wrap(bytes);
      while (out.hasRemaining()) {
        if (channel.write(out) == 0) {
          readiness.await(SelectionKey.OP_WRITE);
        }
      }
    }

    Answer readAnswer(long maxBodyBytes) throws IOException {
      int[] headerBudget = {MAX_HEADER_BYTES};
      int code;
      String location = null;
      long contentLength = -1;
      boolean chunked = false;
      while (true) {
        String status = line(headerBudget);
        code = statusCode(status);
        contentLength = -1;
        chunked = false;
        location = null;
        for (String header = line(headerBudget); !header.isEmpty(); header = line(headerBudget)) {
          int colon = header.indexOf(':');
          if (colon <= 0) {
            continue;
          }
          String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
          String value = header.substring(colon + 1).trim();
          switch (name) {
            case "content-length" -> contentLength = parseLength(value);
            case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
            case "location" -> location = value;
            default -> { }
          }
        }
        if (code >= 200) {
          break; // a 1xx (100 Continue) is followed by the real answer
        }
      }
      byte[] body;
      if (code == 204 || code == 304) {
        body = new byte[0];
      } else if (chunked) {
        body = chunkedBody(code, maxBodyBytes);
      } else if (contentLength >= 0) {
        if (contentLength > maxBodyBytes) {
          throw new AnswerTooLargeException(code);
        }
        body = exactly((int) contentLength);
      } else {
        body = untilClose(code, maxBodyBytes);
      }
      return new Answer(code, Answer.isRedirect(code) ? location : null, body);
    }

    private static int statusCode(String status) throws ProtocolException {
      // "HTTP/1.1 200 OK" (the reason may be missing)
      if (status.startsWith("HTTP/1.") && status.length() >= 12 && status.charAt(8) == ' ') {
        try {
          return Integer.parseInt(status.substring(9, 12));
        } catch (NumberFormatException e) {
          // fall through
        }
      }
      throw new ProtocolException("Unexpected status line: " + status);
    }

    private static long parseLength(String value) throws ProtocolException {
      try {
        long n = Long.parseLong(value);
        if (n >= 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // fall through
      }
      throw new ProtocolException("bad Content-Length: " + value);
    }

    private byte[] chunkedBody(int code, long max) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int[] lineBudget = {MAX_HEADER_BYTES};
      while (true) {
        String sizeLine = line(lineBudget);
        int semi = sizeLine.indexOf(';');
        long size;
        try {
          size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
        } catch (NumberFormatException e) {
          throw new ProtocolException("bad chunk size: " + sizeLine);
        }
        if (size == 0) {
          for (String trailer = line(lineBudget); !trailer.isEmpty(); trailer = line(lineBudget)) {
            // trailers are ignored
          }
          return out.toByteArray();
        }
        if (out.size() + size > max) {
          throw new AnswerTooLargeException(code);
        }
        out.write(exactly((int) size));
        line(lineBudget); // the CRLF after the chunk
        lineBudget[0] = MAX_HEADER_BYTES;
      }
    }

    private byte[] untilClose(int code, long max) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      do { // what came with the headers first, then the rest until the plugin closes
        if (out.size() + in.remaining() > max) {
          throw new AnswerTooLargeException(code);
        }
        out.write(in.array(), in.position(), in.remaining());
        in.position(in.limit());
      } while (fill());
      return out.toByteArray();
    }

    private byte[] exactly(int n) throws IOException {
      byte[] out = new byte[n];
      int got = 0;
      while (got < n) {
        if (!in.hasRemaining() && !fill()) {
          throw new EOFException("unexpected end of stream");
        }
        int take = Math.min(n - got, in.remaining());
        in.get(out, got, take);
        got += take;
      }
      return out;
    }

    /** A line without its CRLF (or LF); the budget bounds all header bytes of the answer. */
    private String line(int[] budget) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream(64);
      while (true) {
        if (!in.hasRemaining() && !fill()) {
          throw new EOFException("the answer's headers were cut off or too long");
        }
        byte c = in.get();
        if (--budget[0] < 0) {
          throw new EOFException("the answer's headers were cut off or too long");
        }
        if (c == '\n') {
          byte[] bytes = b.toByteArray();
          int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
          return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
        }
        b.write(c);
      }
    }

    /** Reads more into the buffer; false at the end of the stream. */
    private boolean fill() throws IOException {
      if (eof) {
        return false;
      }
      in.compact();
      try {
        while (true) {
          int n = channel.read(in);
          if (n > 0) {
            return true;
          }
          if (n < 0) {
            eof = true;
            return false;
          }
          readiness.await(SelectionKey.OP_READ);
        }
      } finally {
        in.flip();
      }
    }
  }
}
