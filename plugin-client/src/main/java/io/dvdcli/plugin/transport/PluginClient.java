package io.dvdcli.plugin.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dvdcli.log.Diagnostics;
import io.dvdcli.plugin.codec.WireCodec;
import io.dvdcli.plugin.transport.PluginException.Kind;
import io.dvdcli.protocol.PluginAnswer;
import io.dvdcli.untrusted.UntrustedText;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * One plugin, called as Docker calls it (moby {@code pkg/plugins/client.go}): {@code POST /<Method>}
 * with a JSON body and the plugin media type in {@code Accept}; a connection that cannot be made is
 * retried with Docker's back-off; every call is bounded by its own limit and by the command's
 * deadline. Answers are read up to {@link #MAX_ANSWER_BYTES}, so a hostile plugin cannot exhaust
 * memory.
 */
public final class PluginClient {
  public static final long MAX_ANSWER_BYTES = 1 << 20;

  private final PluginAddress address;
  private final Transport transport;
  private final Backoff backoff;
  private final Deadline deadline;
  private final Sleeper sleeper;
  private final Diagnostics log;

  /**
   * A client for the plugin at {@code address}: plain HTTP on the JDK's UNIX channels for a socket
   * (the agent's hot path, see UnixSocketTransport), OkHttp for TCP and TLS.
   */
  public static PluginClient connect(
      PluginAddress address, Duration connectTimeout, Backoff backoff, Deadline deadline, Sleeper sleeper,
      Diagnostics log) throws PluginException {
    return new PluginClient(address, Transport.forAddress(address, connectTimeout), backoff, deadline, sleeper, log);
  }

  PluginClient(
      PluginAddress address,
      Transport transport,
      Backoff backoff,
      Deadline deadline,
      Sleeper sleeper,
      Diagnostics log) {
    this.address = address;
    this.transport = transport;
    this.backoff = backoff;
    this.deadline = deadline;
    this.sleeper = sleeper;
    this.log = log;
  }

  public PluginAddress address() {
    return address;
  }

  /** Calls {@code method} with {@code body} (null = empty body) and decodes a successful answer. */
  public <T extends PluginAnswer> T call(
      String method, Object body, Class<T> answerType, Duration callLimit) throws PluginException {
    byte[] json = encode(body);
    long started = System.nanoTime();
    int retries = 0;
    while (true) {
      Duration timeout = deadline.cap(callLimit);
      if (timeout.isZero()) {
        throw new PluginException(Kind.TIMEOUT, "the command timeout (" + AnswerText.seconds(deadline.total())
            + ") ran out before " + who() + " could be asked for " + method);
      }
      try {
        return exchange(method, json, answerType, timeout);
      } catch (PluginException e) {
        throw e;
      } catch (IOException e) {
        if (e instanceof InterruptedIOException) {
          throw timedOut(method, timeout);
        }
        if (e instanceof SSLException) {
          throw new PluginException(Kind.UNREACHABLE, 0,
              "TLS with " + who() + " at " + address.uri() + " failed during " + method + ": " + describe(e), e);
        }
        if (!isConnectFailure(e)) {
          throw new PluginException(Kind.UNREACHABLE, 0,
              who() + " dropped the connection during " + method + ": " + describe(e), e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        Optional<Duration> next = backoff.nextWait(retries, elapsed, deadline);
        if (next.isEmpty()) {
          throw unreachable(method, e, retries + 1, elapsed);
        }
        Duration wait = next.get();
        retries++;
        log.debug("cannot connect to " + who() + " (" + describe(e) + "), retry " + retries
            + " in " + wait.toSeconds() + " s");
        sleep(wait);
      }
    }
  }

  private <T extends PluginAnswer> T exchange(
      String method, byte[] json, Class<T> answerType, Duration timeout)
      throws IOException {
    long t0 = System.nanoTime();
    Transport.Answer response;
    try {
      response = transport.post(method, json, timeout, MAX_ANSWER_BYTES);
    } catch (Transport.AnswerTooLargeException e) {
      throw new PluginException(Kind.BAD_ANSWER, e.code,
          who() + " answered " + method + " with more than " + MAX_ANSWER_BYTES + " bytes", null);
    }
    log.debug("POST /" + method + " -> HTTP " + response.code() + " in "
        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
    byte[] answer = response.body();
    if (response.isRedirect()) {
      String to = response.location();
      throw new PluginException(Kind.BAD_ANSWER, response.code(),
          who() + " answered " + method + " with HTTP " + response.code() + ", a redirect to '"
              + UntrustedText.summarised(to == null ? "" : to) + "' that dvdcli does not follow", null);
    }
    if (response.code() != 200) {
      Kind kind = response.code() == 404 ? Kind.NOT_IMPLEMENTED : Kind.REFUSED;
      throw new PluginException(kind, response.code(),
          who() + " answered " + method + " with HTTP " + response.code() + ": "
              + AnswerText.errorMessage(answer), null);
    }
    T decoded = decode(method, answer, answerType);
    if (decoded.failed()) {
      throw new PluginException(Kind.REFUSED, 200,
          who() + " answered " + method + " with an error: " + AnswerText.errText(decoded.err()), null);
    }
    return decoded;
  }

  private <T extends PluginAnswer> T decode(String method, byte[] answer, Class<T> type) throws PluginException {
    T value;
    try {
      value = WireCodec.decode(answer, type);
    } catch (JsonProcessingException e) {
      throw new PluginException(Kind.BAD_ANSWER, 200,
          who() + " answered " + method + " with something that is not the expected JSON ("
              + AnswerText.describeBody(answer) + ")", e);
    } catch (IOException e) {
      throw new PluginException(Kind.BAD_ANSWER, 200,
          who() + " answered " + method + " with unreadable JSON: " + e.getMessage(), e);
    }
    if (value == null) {
      throw new PluginException(Kind.BAD_ANSWER, 200, who() + " answered " + method + " with JSON null", null);
    }
    return value;
  }

  private static byte[] encode(Object body) {
    if (body == null) {
      return new byte[0]; // Docker sends Plugin.Activate with an empty body.
    }
    try {
      return WireCodec.encode(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot encode " + body.getClass().getSimpleName(), e);
    }
  }

  private static boolean isConnectFailure(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return true;
      }
      if (t instanceof SocketException && t.getMessage() != null
          && (t.getMessage().contains("No such file") || t.getMessage().contains("Connection refused"))) {
        return true;
      }
    }
    return false;
  }

  private PluginException unreachable(String method, IOException e, int attempts, Duration elapsed) {
    String why;
    if (address.isUnixSocket() && Files.exists(address.socketPath())) {
      why = "nothing listens on socket " + address.socketPath()
          + " (stale socket: the file exists but the plugin is not running)";
    } else if (address.isUnixSocket()) {
      why = "socket " + address.socketPath() + " has disappeared";
    } else {
      why = "connection refused at " + address.uri();
    }
    return new PluginException(Kind.UNREACHABLE, 0,
        "cannot reach " + who() + " for " + method + ": " + why + "; gave up after " + attempts
            + (attempts == 1 ? " attempt" : " attempts") + " in " + elapsed.toSeconds() + " s", e);
  }

  private PluginException timedOut(String method, Duration limit) {
    return new PluginException(Kind.TIMEOUT,
        who() + " did not answer " + method + " within " + AnswerText.seconds(limit)
            + " (command timeout " + AnswerText.seconds(deadline.total()) + ")");
  }

  private void sleep(Duration wait) throws PluginException {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PluginException(Kind.TIMEOUT, 0, "interrupted while waiting for " + who(), e);
    }
  }

  private String who() {
    return "plugin '" + address.name() + "'";
  }

  private static String describe(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EOFException && String.valueOf(t.getMessage()).startsWith("\\n not found")) {
        // OkHttp's header reader: the stream ended, or the headers passed its 256 KiB limit.
        return "the answer's headers were cut off or too long";
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return UntrustedText.summarised(m == null ? root.getClass().getSimpleName() : m);
  }
}
