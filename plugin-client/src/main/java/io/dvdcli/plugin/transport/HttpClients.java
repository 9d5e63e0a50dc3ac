package io.dvdcli.plugin.transport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * Builds the one OkHttp client a dvdcli run needs for a TCP or https address (UNIX sockets are
 * {@link UnixSocketTransport}'s). Plain HTTP costs no TLS set-up; only an https address loads it. OkHttp's own retries and
 * redirects are off: dvdcli retries as Docker does, and a plugin that redirects is broken.
 * Connections are not reused: a run makes two to four calls.
 */
final class HttpClients {
  private HttpClients() {}

  static OkHttpClient forAddress(PluginAddress address, Duration connectTimeout)
      throws PluginException {
    OkHttpClient.Builder b =
        new OkHttpClient.Builder()
            .protocols(List.of(Protocol.HTTP_1_1))
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .followSslRedirects(false)
            .connectionPool(new ConnectionPool(0, 1, TimeUnit.MILLISECONDS))
            .connectTimeout(connectTimeout)
            .readTimeout(Duration.ZERO)
            .writeTimeout(Duration.ZERO);
    if (!address.isTls()) {
      // Without a TLS spec OkHttp never builds its SSL socket factory and trust manager (it loads
      // the JDK's CA certificates): the largest single start-up cost of a plain-HTTP call.
      b.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
    }
    if (address.isTls()) {
      TlsSetup.apply(b, address);
    }
    return b.build();
  }

  /** The base URL calls are made against: {@code <base>/<Method>}. */
  static HttpUrl baseUrl(PluginAddress address) {
    String scheme = address.isTls() ? "https" : "http";
    String path = address.uri().getPath() == null ? "" : address.uri().getPath();
    return HttpUrl.get(scheme + "://" + address.uri().getHost() + ":" + address.uri().getPort() + path);
  }
}
