package io.dvdcli.examples.scheduler.scheduler;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
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
 */
public final class MasterConnection {
  private static final MediaType PROTOBUF = MediaType.get(SchedulerApi.PROTOBUF);
  /** The docs suggest about 75 s for any response, and 5 missed 15 s heartbeats for the stream. */
  private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(75);

  private final OkHttpClient http;
  private volatile HttpUrl endpoint;

  public MasterConnection(URI master) {
    this(master, new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(RESPONSE_TIMEOUT)
        .build());
  }

  public MasterConnection(URI master, OkHttpClient http) {
    HttpUrl base = HttpUrl.parse(master.toString());
    if (base == null) {
      throw new IllegalArgumentException("master URL must be http:// or https://, not '" + master + "'");
    }
    this.endpoint = base.newBuilder().encodedPath(SchedulerApi.PATH).build();
    this.http = http;
  }

  public HttpUrl endpoint() {
    return endpoint;
  }

  /**
   * Sends SUBSCRIBE and returns the open event stream. A non-leading master answers 307 with the
   * leader's location; OkHttp follows it and later calls go to where the stream ended up.
   */
  public Subscription subscribe(Call subscribe) throws IOException {
    Request request = post(subscribe).newBuilder().header("Accept", SchedulerApi.PROTOBUF).build();
    okhttp3.Call call = http.newCall(request);
    Response response = call.execute();
    try {
      if (response.code() != 200) {
        throw failure(subscribe, response);
      }
      String streamId = response.header(SchedulerApi.STREAM_ID_HEADER);
      if (streamId == null || streamId.isBlank()) {
        throw new IOException("Failed to subscribe to master '" + endpoint + "': the response has no "
            + SchedulerApi.STREAM_ID_HEADER + " header");
      }
      endpoint = response.request().url();
      return new Subscription(call, response, streamId);
    } catch (IOException | RuntimeException e) {
      response.close();
      throw e;
    }
  }

  /** Sends a non-SUBSCRIBE call on its own connection; the master must answer 202 Accepted. */
  public void send(Call call, String streamId) throws IOException {
    Request request = post(call).newBuilder().header(SchedulerApi.STREAM_ID_HEADER, streamId).build();
    try (Response response = http.newCall(request).execute()) {
      if (response.code() != 202) {
        throw failure(call, response);
      }
    }
  }

  private Request post(Call call) {
    return new Request.Builder()
        .url(endpoint)
        .post(RequestBody.create(call.toByteArray(), PROTOBUF))
        .build();
  }

  private IOException failure(Call call, Response response) throws IOException {
    String body = response.body().string().trim();
    String message = "Failed to send " + call.getType() + " call to '" + endpoint + "': HTTP "
        + response.code() + (body.isEmpty() ? "" : ": " + body);
    if (response.code() >= 400 && response.code() < 500) {
      return new MasterRejectedException(message, response.code());
    }
    return new IOException(message);
  }
}
