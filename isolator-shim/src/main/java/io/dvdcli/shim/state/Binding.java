package io.dvdcli.shim.state;

import java.util.Objects;

/** A bind mount the shim made: the volume's host path made visible at a container path. */
public record Binding(String driver, String name, String source, String target, boolean readOnly) {
  public Binding {
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
  }
}
