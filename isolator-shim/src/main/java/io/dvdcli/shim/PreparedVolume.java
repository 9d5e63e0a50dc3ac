package io.dvdcli.shim;

import java.util.Objects;

/**
 * A mounted volume of a prepared container: where it is on the host, and, when the shim bind
 * mounted it, {@code visibleAt} (else null).
 */
public record PreparedVolume(
    String driver, String name, String hostPath, String containerPath, VolumeRequest.Mode mode, String visibleAt) {
  public PreparedVolume {
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(hostPath, "hostPath");
    Objects.requireNonNull(mode, "mode");
  }
}
