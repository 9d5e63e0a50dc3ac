package io.dvdcli.plugin.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
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

  private static CompletableFuture<String> serve(Path socket, long delayMillis, String answer) throws Exception {
    return OneExchangePlugin.serve(socket, Duration.ofMillis(delayMillis), answer);
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
    CompletableFuture<String> received = serve(socket, 0, OK);
    Transport.Answer a = new UnixSocketTransport(socket).post("VolumeDriver.Create", body, Duration.ofSeconds(30), 1 << 20);
    assertEquals(200, a.code());
    assertTrue(received.get(30, TimeUnit.SECONDS).length() > body.length, "the plugin read the whole request");
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
    // Not before the limit. That the limit ended the wait is the exception itself: the plugin
    // answers after 5 s, and a wait it did not end would have returned that answer.
    assertTrue(tookMillis >= limitMillis, "not before the limit: " + tookMillis + " ms");
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
    // A generous bound only stops a hung build: that the interrupt ended the wait is the exception
    // (a wait it did not end would have returned the plugin's answer after 5 s).
    assertTrue(done.await(60, TimeUnit.SECONDS), "the call ended");
    assertTrue(thrown.get() instanceof InterruptedIOException, "got " + thrown.get());
  }
}
