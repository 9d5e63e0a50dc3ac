package io.dvdcli.examples.mesos.scheduler;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import okio.Timeout;
import org.apache.mesos.v1.scheduler.Protos.Event;

/** One open SUBSCRIBE stream: the events the master sends, and the stream id later calls carry. */
public final class Subscription implements Closeable {
  /** Far above any event we expect; guards against a corrupt length header. */
  private static final long MAX_EVENT_BYTES = 64L * 1024 * 1024;

  private final okhttp3.Call call;
  private final okhttp3.Response response;
  private final RecordIoReader records;
  private final String streamId;

  Subscription(okhttp3.Call call, okhttp3.Response response, String streamId) {
    this.call = call;
    this.response = response;
    this.streamId = streamId;
    this.records = new RecordIoReader(response.body().byteStream(), MAX_EVENT_BYTES);
  }

  public String streamId() {
    return streamId;
  }

  /** The next event, or empty when the master closed the stream. */
  public Optional<Event> next() throws IOException {
    Optional<byte[]> record = records.next();
    if (record.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Event.parseFrom(record.get()));
  }

  /**
   * Treats the connection as dead when nothing arrives for this long; the docs suggest a few
   * missed heartbeats, since a partition need not break the TCP connection.
   */
  public void silenceLimit(Duration limit) {
    Timeout timeout = response.body().source().timeout();
    timeout.timeout(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** Breaks the stream from another thread; a blocked {@link #next()} then fails. */
  public void cancel() {
    call.cancel();
  }

  @Override
  public void close() {
    response.close();
  }
}
