package io.dvdcli.csi.server;

import java.nio.file.Path;

/** A CSI endpoint: {@code unix:///abs/path.sock} (also {@code unix:/abs} and a bare absolute path). */
public record UnixEndpoint(Path path) {
  public static UnixEndpoint parse(String endpoint) {
    String p = endpoint.trim();
    if (p.startsWith("unix://")) {
      p = p.substring("unix://".length());
    } else if (p.startsWith("unix:")) {
      p = p.substring("unix:".length());
    } else if (p.contains("://")) {
      throw new IllegalArgumentException("endpoint '" + endpoint + "' must be a UNIX socket: unix:///path/csi.sock");
    }
    if (!p.startsWith("/")) {
      throw new IllegalArgumentException("endpoint '" + endpoint + "' must be an absolute path: unix:///path/csi.sock");
    }
    return new UnixEndpoint(Path.of(p).normalize());
  }

  @Override
  public String toString() {
    return "unix://" + path;
  }
}
