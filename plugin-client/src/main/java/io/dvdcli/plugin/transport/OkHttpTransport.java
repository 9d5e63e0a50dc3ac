package io.dvdcli.plugin.transport;

import io.dvdcli.protocol.PluginProtocol;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

/** Plugins and engines over TCP and TLS: OkHttp, as built by {@link HttpClients}. */
final class OkHttpTransport implements Transport {
  private final OkHttpClient http;
  private final HttpUrl base;

  OkHttpTransport(OkHttpClient http, HttpUrl base) {
    this.http = http;
    this.base = base;
  }

  @Override
  public Answer post(String method, byte[] body, Duration timeout, long maxBodyBytes) throws IOException {
    return exchange(new Request.Builder()
        .url(base.newBuilder().addPathSegment(method).build())
        .header("Accept", PluginProtocol.MEDIA_TYPE)
        .post(RequestBody.create(body, null))
        .build(), timeout, maxBodyBytes);
  }

  @Override
  public Answer get(String path, Duration timeout, long maxBodyBytes) throws IOException {
    return exchange(new Request.Builder().url(base.newBuilder().addPathSegment(path).build()).get().build(),
        timeout, maxBodyBytes);
  }

  private Answer exchange(Request request, Duration timeout, long maxBodyBytes) throws IOException {
    Call call = http.newCall(request);
    call.timeout().timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    try (Response response = call.execute()) {
      BufferedSource source = response.body().source();
      if (source.request(maxBodyBytes + 1)) {
        throw new AnswerTooLargeException(response.code());
      }
      return new Answer(response.code(), response.isRedirect() ? response.header("Location") : null,
          source.readByteArray());
    }
  }
}
