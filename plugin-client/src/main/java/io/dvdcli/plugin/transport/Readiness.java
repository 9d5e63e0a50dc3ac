package io.dvdcli.plugin.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until a non-blocking channel may be read or written, never past a call's deadline. Most
 * plugins answer within milliseconds, and in a fresh JVM a {@link Selector} costs more than that
 * to set up: {@code Selector.open} plus the class initialisation of the JDK's
 * {@code sun.nio.ch.Net} (it probes IPv6 and loads libextnet), in every call (a start-up seam: see
 * {@link io.dvdcli.startup}). So the first second of an exchange is waited in naps, each an eighth of
 * the time waited so far (20 us at first, at most 10 ms): an answer is noticed at most an eighth
 * late, for a few hundred wake-ups at most. Only a longer wait (a plugin attaching a disk) moves to
 * a selector, whose set-up is then small beside the wait. A second rather than less because under
 * load (64 mounts at once on 2 cores) answers take hundreds of milliseconds, and every call would
 * otherwise pay the selector too.
 */
final class Readiness implements Closeable {
  static final long NAPPING_NANOS = 1_000_000_000L;
  private static final long FIRST_NAP_NANOS = 20_000L;
  private static final long LONGEST_NAP_NANOS = 10_000_000L;

  private final SocketChannel channel;
  private final long deadline;
  private long firstWait = -1;
  private Selector selector;

  Readiness(SocketChannel channel, long deadline) {
    this.channel = channel;
    this.deadline = deadline;
  }

  /**
   * Returns when {@code op} ({@link SelectionKey#OP_READ} or {@code OP_WRITE}) may be ready, or a
   * while later: the caller tries again. Throws once the deadline has passed.
   */
  void await(int op) throws IOException {
    long now = System.nanoTime();
    if (deadline - now <= 0) {
      throw new SocketTimeoutException("timeout");
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("interrupted while waiting for the plugin");
    }
    if (firstWait < 0) {
      firstWait = now;
    }
    long waited = now - firstWait;
    if (waited < NAPPING_NANOS) {
      long nap = Math.min(LONGEST_NAP_NANOS, Math.max(FIRST_NAP_NANOS, waited / 8));
      LockSupport.parkNanos(Math.min(nap, deadline - now));
      return;
    }
    if (selector == null) {
      selector = Selector.open();
      channel.register(selector, 0);
    }
    SelectionKey key = channel.keyFor(selector);
    key.interestOps(op);
    selector.selectedKeys().clear();
    selector.select(Math.max(1, (deadline - now) / 1_000_000));
  }

  @Override
  public void close() throws IOException {
    if (selector != null) {
      selector.close();
    }
  }
}
