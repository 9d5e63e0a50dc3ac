package io.dvdcli.plugin;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a plugin listens and how discovery found it: a {@code unix://}, {@code tcp://} (plain HTTP)
 * or {@code https://} address, the TLS settings for https, and the file that named it.
 */
public record PluginAddress(String name, URI uri, TlsConfig tls, Path foundAt) {
  public PluginAddress {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("unix") && !scheme.equals("tcp") && !scheme.equals("http")
        && !scheme.equals("https")) {
      throw new IllegalArgumentException("unsupported plugin address '" + uri + "'");
    }
    tls = tls == null ? TlsConfig.NONE : tls;
  }

  public boolean isUnixSocket() {
    return "unix".equalsIgnoreCase(uri.getScheme());
  }

  public boolean isTls() {
    return "https".equalsIgnoreCase(uri.getScheme());
  }

  public Path socketPath() {
    if (!isUnixSocket()) {
      throw new IllegalStateException(uri + " is not a UNIX socket address");
    }
    return Path.of(uri.getPath());
  }

  @Override
  public String toString() {
    return uri.toString();
  }
}
