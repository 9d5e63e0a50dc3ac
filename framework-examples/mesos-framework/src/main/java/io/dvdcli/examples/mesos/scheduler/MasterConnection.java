package io.dvdcli.examples.mesos.scheduler;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * The HTTP side of the v1 scheduler API, in protobuf: SUBSCRIBE opens a stream, every other call
 * is a separate POST answered with 202 Accepted.
 *
 * <p>Which master: the leader the last SUBSCRIBE reached (a non-leading master answers 307 with
 * the leader's location, which OkHttp follows), and once that fails, the configured masters again,
 * one after the other — a dead leader is never retried for ever, since after a failover another
 * master leads and the configured ones redirect there.
 */
public final class MasterConnection {
  private static final MediaType PROTOBUF = MediaType.get(SchedulerApi.PROTOBUF);
  /** The docs suggest about 75 s for any response, and 5 missed 15 s heartbeats for the stream. */
  private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(75);
  /**
   * Answers Mesos's own scheduler library takes as "not now" rather than as a refusal: 503 (no
   * leader elected, or still recovering), 404 (routes not yet set up), 307 (leader not known to
   * this master yet) — src/scheduler/scheduler.cpp:692-716 (1.11.0).
   */
  private static final Set<Integer> TEMPORARY = Set.of(503, 404, 307);

  private final OkHttpClient http;
  /** Non-SUBSCRIBE calls: a redirect means our master lost leadership, so re-subscribe instead. */
  private final OkHttpClient calls;
  private final List<HttpUrl> masters;
  private int nextMaster;
  private volatile HttpUrl leader;

  public MasterConnection(URI master) {
    this(List.of(master));
  }

  public MasterConnection(List<URI> masters) {
    this(masters, new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(RESPONSE_TIMEOUT)
        .build());
  }

  public MasterConnection(URI master, OkHttpClient http) {
    this(List.of(master), http);
  }

  public MasterConnection(List<URI> masters, OkHttpClient http) {
    if (masters.isEmpty()) {
      throw new IllegalArgumentException("at least one master URL is needed");
    }
    this.masters = masters.stream().map(MasterConnection::endpointOf).toList();
    this.http = http;
    this.calls = http.newBuilder().followRedirects(false).build();
  }

  private static HttpUrl endpointOf(URI master) {
    HttpUrl base = HttpUrl.parse(master.toString());
    if (base == null) {
      throw new IllegalArgumentException("master URL must be http:// or https://, not '" + master + "'");
    }
    return base.newBuilder().encodedPath(SchedulerApi.PATH).build();
  }

  /** Where the next call goes: the leader found by the last SUBSCRIBE, else a configured master. */
  public synchronized HttpUrl endpoint() {
    HttpUrl current = leader;
    return current != null ? current : masters.get(nextMaster);
  }

  /**
   * Sends SUBSCRIBE and returns the open event stream. A failure (refused connection, 5xx, a
   * temporary status) makes the next attempt go elsewhere: from a failed leader back to the
   * configured masters, from a failed configured master to the next one.
   */
  public Subscription subscribe(Call subscribe) throws IOException {
    HttpUrl target = endpoint();
    Request request = post(subscribe, target).newBuilder().header("Accept", SchedulerApi.PROTOBUF).build();
    okhttp3.Call call = http.newCall(request);
    Response response;
    try {
      response = call.execute();
    } catch (IOException e) {
      moveOn(target);
      throw e;
    }
    try {
      if (response.code() != 200) {
        moveOn(target);
        throw failure(subscribe, target, response);
      }
      String streamId = response.header(SchedulerApi.STREAM_ID_HEADER);
      if (streamId == null || streamId.isBlank()) {
        moveOn(target);
        throw new IOException("Failed to subscribe to master '" + target + "': the response has no "
            + SchedulerApi.STREAM_ID_HEADER + " header");
      }
      leader = response.request().url();
      return new Subscription(call, response, streamId);
    } catch (IOException | RuntimeException e) {
      response.close();
      throw e;
    }
  }

  private synchronized void moveOn(HttpUrl failed) {
    if (leader != null && leader.equals(failed)) {
      leader = null;
    } else if (masters.get(nextMaster).equals(failed)) {
      nextMaster = (nextMaster + 1) % masters.size();
    }
  }

  /** Sends a non-SUBSCRIBE call on its own connection; the master must answer 202 Accepted. */
  public void send(Call call, String streamId) throws IOException {
    HttpUrl target = endpoint();
    Request request = post(call, target).newBuilder().header(SchedulerApi.STREAM_ID_HEADER, streamId).build();
    try (Response response = calls.newCall(request).execute()) {
      if (response.code() != 202) {
        throw failure(call, target, response);
      }
    }
  }

  private static Request post(Call call, HttpUrl target) {
    return new Request.Builder()
        .url(target)
        .post(RequestBody.create(call.toByteArray(), PROTOBUF))
        .build();
  }

  private static IOException failure(Call call, HttpUrl target, Response response) throws IOException {
    String body = response.body().string().trim();
    String message = "Failed to send " + call.getType() + " call to '" + target + "': HTTP "
        + response.code() + (body.isEmpty() ? "" : ": " + body);
    if (response.code() >= 400 && response.code() < 500 && !TEMPORARY.contains(response.code())) {
      return new MasterRejectedException(message, response.code());
    }
    return new IOException(message);
  }
}
