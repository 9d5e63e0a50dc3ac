package io.dvdcli.plugin.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Waiting for a plugin on a UNIX socket: short naps first, a selector once a wait is long
 * ({@link Readiness#NAPPING_NANOS}), and the deadline and interrupts honoured in both.
 */
class ReadinessTest {
  private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{\"Err\":\"\"}";

  @TempDir Path tmp;

  /** Accepts one connection, reads the whole request, waits {@code delayMillis}, answers, closes. */
  private CompletableFuture<Integer> serve(Path socket, long delayMillis, String answer) throws Exception {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    return CompletableFuture.supplyAsync(() -> {
      try (server; SocketChannel c = server.accept()) {
        int read = readRequest(c);
        Thread.sleep(delayMillis);
        c.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.ISO_8859_1)));
        return read;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** The request's byte count, read slowly enough that a large body fills the socket first. */
  private static int readRequest(SocketChannel c) throws Exception {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    while (true) {
      String text = request.toString(StandardCharsets.ISO_8859_1);
      int headEnd = text.indexOf("\r\n\r\n");
      if (headEnd >= 0) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Content-Length: (\\d+)").matcher(text);
        int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
        if (request.size() >= headEnd + 4 + length) {
          return request.size();
        }
      }
      buf.clear();
      if (c.read(buf) < 0) {
        return request.size();
      }
      request.write(buf.array(), 0, buf.position());
    }
  }

  @ParameterizedTest(name = "an answer after {0} ms is read")
  @ValueSource(longs = {0, 5, 30, 120, 400, 1300})
  void anAnswerIsReadWhetherItComesWhileNappingOrOnceASelectorWaits(long delayMillis) throws Exception {
    Path socket = tmp.resolve("p.sock");
    serve(socket, delayMillis, OK);
    Transport.Answer a = new UnixSocketTransport(socket).post("VolumeDriver.Get", new byte[0], Duration.ofSeconds(10), 1 << 20);
    assertEquals(200, a.code());
    assertEquals("{\"Err\":\"\"}", new String(a.body(), StandardCharsets.UTF_8));
  }

  @Test
  void aRequestLargerThanTheSocketBufferWaitsForRoomToWrite() throws Exception {
    Path socket = tmp.resolve("p.sock");
    byte[] body = new byte[8 << 20]; // far beyond a UNIX socket's buffer: writes must wait
    java.util.Arrays.fill(body, (byte) 'x');
    CompletableFuture<Integer> received = serve(socket, 0, OK);
    Transport.Answer a = new UnixSocketTransport(socket).post("VolumeDriver.Create", body, Duration.ofSeconds(30), 1 << 20);
    assertEquals(200, a.code());
    assertTrue(received.get(30, TimeUnit.SECONDS) > body.length, "the plugin read the whole request");
  }

  @ParameterizedTest(name = "a {0} ms limit ends the wait with a timeout")
  @ValueSource(longs = {20, 200, 1200})
  void theDeadlineEndsAWaitInEitherPhase(long limitMillis) throws Exception {
    Path socket = tmp.resolve("p.sock");
    serve(socket, 5_000, OK);
    long start = System.nanoTime();
    SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> new UnixSocketTransport(socket)
        .post("VolumeDriver.Mount", new byte[0], Duration.ofMillis(limitMillis), 1 << 20));
    assertEquals("timeout", e.getMessage());
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(tookMillis >= limitMillis, "not before the limit: " + tookMillis + " ms");
    assertTrue(tookMillis < 4_000, "long before the plugin answers: " + tookMillis + " ms"); // a hang check
  }

  @Test
  void anInterruptedCallStopsWaitingInsteadOfSpinningToItsDeadline() throws Exception {
    Path socket = tmp.resolve("p.sock");
    serve(socket, 5_000, OK);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    Thread caller = new Thread(() -> {
      try {
        new UnixSocketTransport(socket).post("VolumeDriver.Mount", new byte[0], Duration.ofSeconds(60), 1 << 20);
      } catch (Throwable t) {
        thrown.set(t);
      } finally {
        done.countDown();
      }
    });
    caller.start();
    Thread.sleep(100);
    caller.interrupt();
    assertTrue(done.await(4, TimeUnit.SECONDS), "the call ended soon after the interrupt");
    assertTrue(thrown.get() instanceof InterruptedIOException, "got " + thrown.get());
  }
}
