package io.dvdcli.shim.state;

import java.util.Objects;

/**
 * The identity of a Docker volume as the Mesos agent checkpoints it: driver and name, nothing else.
 * Options and container paths are deliberately absent; reference counts and unmounts need only this.
 */
public record DockerVolume(String driver, String name) {
  public DockerVolume {
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(name, "name");
    if (driver.isEmpty() || name.isEmpty()) {
      throw new IllegalArgumentException("A docker volume needs a driver and a name");
    }
  }

  /** The form used in messages: {@code driver/name}. */
  @Override
  public String toString() {
    return driver + "/" + name;
  }
}
