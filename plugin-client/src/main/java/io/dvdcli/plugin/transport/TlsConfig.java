package io.dvdcli.plugin.transport;

import java.nio.file.Path;

/**
 * The {@code TLSConfig} of a {@code .json} spec. As in Docker, a spec with no CA file is not
 * verified; a client certificate needs both its files.
 */
public record TlsConfig(boolean insecureSkipVerify, Path caFile, Path certFile, Path keyFile) {
  public static final TlsConfig NONE = new TlsConfig(false, null, null, null);

  public TlsConfig {
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException("TLSConfig needs both CertFile and KeyFile, or neither");
    }
  }

  public boolean verifiesServer() {
    return !insecureSkipVerify && caFile != null;
  }
}
