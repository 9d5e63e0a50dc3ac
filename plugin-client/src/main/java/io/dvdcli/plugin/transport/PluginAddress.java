package io.dvdcli.plugin.transport;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a plugin listens and how discovery found it: a {@code unix://}, {@code tcp://} (plain HTTP)
 * or {@code https://} address, the TLS settings for https, the file that named it, and, for a
 * managed plugin, how the paths it answers map to the host ({@code null}: they are host paths).
 */
public record PluginAddress(String name, URI uri, TlsConfig tls, Path foundAt, ManagedPaths managedPaths) {
  public PluginAddress(String name, URI uri, TlsConfig tls, Path foundAt) {
    this(name, uri, tls, foundAt, null);
  }

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

  /** Where a path the plugin answered is on the host (a managed plugin's are inside its rootfs). */
  public String hostPath(String pathInPlugin) {
    return managedPaths == null ? pathInPlugin : managedPaths.toHost(pathInPlugin);
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
