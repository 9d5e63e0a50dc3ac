package io.dvdcli.plugin.transport;

import java.io.IOException;
import java.time.Duration;

/**
 * One HTTP exchange with a plugin ({@code POST /<Method>} with a JSON body) or with the Docker
 * engine ({@code GET /<path>}): the answer's status, {@code Location} and body read up to a cap.
 * Connection failures are IOExceptions (a {@link java.net.ConnectException} when nothing listens),
 * the time limit an {@link java.io.InterruptedIOException}. One client per kind of address, for
 * plugins and engine alike: the JDK's UNIX channels for a socket, OkHttp for TCP and TLS.
 */
public interface Transport {
  /** The transport for {@code address}; building it sends nothing. */
  static Transport forAddress(PluginAddress address, Duration connectTimeout) throws PluginException {
    return address.isUnixSocket()
        ? new UnixSocketTransport(address.socketPath())
        : new OkHttpTransport(HttpClients.forAddress(address, connectTimeout), HttpClients.baseUrl(address));
  }

  /** {@code location} is the {@code Location} of a redirect, null for any other answer. */
  record Answer(int code, String location, byte[] body) {
    /** The codes OkHttp and Docker's client treat as redirects. */
    static boolean isRedirect(int code) {
      return code == 300 || code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
    }

    public boolean isRedirect() {
      return isRedirect(code);
    }
  }

  /** Thrown when the body would pass the cap; nothing past the cap is read. */
  final class AnswerTooLargeException extends IOException {
    final int code;

    AnswerTooLargeException(int code) {
      super("answer larger than the cap");
      this.code = code;
    }
  }

  Answer post(String method, byte[] body, Duration timeout, long maxBodyBytes) throws IOException;

  Answer get(String path, Duration timeout, long maxBodyBytes) throws IOException;
}
