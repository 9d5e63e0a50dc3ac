package io.dvdcli.examples.marathon.app;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One external volume of an app, as declared: {@code name} and {@code provider} stay null when the
 * JSON leaves them out, because Marathon tells "not defined" apart from "must not be empty".
 *
 * @param index position in {@code container.volumes}, for violation paths
 * @param options in declaration order, which is the order the agent receives them in
 */
public record ExternalVolume(
    int index,
    String containerPath,
    ReadMode mode,
    Long size,
    String name,
    String provider,
    Map<String, String> options,
    boolean shared) {

  public static final String DVDI = "dvdi";
  public static final String DRIVER_OPTION = "dvdi/driver";

  public ExternalVolume {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative: " + index);
    }
    Objects.requireNonNull(containerPath, "containerPath");
    Objects.requireNonNull(mode, "mode");
    options =
        Collections.unmodifiableMap(new LinkedHashMap<>(options == null ? Map.of() : options));
  }

  /** Only provider {@code dvdi} (compared exactly, as Marathon does) is this module's concern. */
  public boolean isDvdi() {
    return DVDI.equals(provider);
  }

  public Optional<String> driver() {
    return Optional.ofNullable(options.get(DRIVER_OPTION));
  }
}
