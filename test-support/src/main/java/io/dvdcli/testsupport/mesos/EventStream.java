package io.dvdcli.testsupport.mesos;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * One subscriber's open SUBSCRIBE response. Events are RecordIO-framed and written in order by a
 * writer thread of its own, so the master never blocks on a slow scheduler while holding its lock.
 */
final class EventStream {
  private final String id;
  private final Encoding encoding;
  private final Response response;
  private final Callback done;
  private final Runnable onBroken;
  private final ExecutorService writer;
  private final AtomicBoolean open = new AtomicBoolean(true);

  EventStream(String id, Encoding encoding, Response response, Callback done, Runnable onBroken) {
    this.id = id;
    this.encoding = encoding;
    this.response = response;
    this.done = done;
    this.onBroken = onBroken;
    this.writer = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "stand-in-stream-" + id);
      thread.setDaemon(true);
      return thread;
    });
  }

  String id() {
    return id;
  }

  boolean isOpen() {
    return open.get();
  }

  void send(Event event) {
    byte[] framed = RecordIo.frame(encoding.encode(event));
    submit(() -> {
      if (!open.get()) {
        return;
      }
      try (Blocker.Callback written = Blocker.callback()) {
        response.write(false, ByteBuffer.wrap(framed), written);
        written.block();
      } catch (IOException e) {
        if (open.compareAndSet(true, false)) {
          done.failed(e);
          writer.shutdown();
          onBroken.run();
        }
      }
    });
  }

  /** Ends the stream cleanly after the events already queued, as the master does on TEARDOWN. */
  void close() {
    submit(() -> {
      if (open.compareAndSet(true, false)) {
        response.write(true, null, done);
      }
    });
    writer.shutdown();
  }

  /** Breaks the connection at once, as a crashed master or a network fault would. */
  void drop() {
    if (open.compareAndSet(true, false)) {
      done.failed(new IOException("stand-in dropped the subscription stream"));
      writer.shutdownNow();
    }
  }

  private void submit(Runnable task) {
    try {
      writer.execute(task);
    } catch (RejectedExecutionException e) {
      // Already closed or dropped: events for a dead stream are discarded, as Mesos does.
    }
  }
}
