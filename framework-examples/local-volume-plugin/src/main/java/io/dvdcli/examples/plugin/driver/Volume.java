package io.dvdcli.examples.plugin.driver;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A volume as the driver knows it: its options from Create and the IDs of the consumers that
 * currently have it mounted. Immutable; options and mount IDs are sorted for stable output.
 */
public record Volume(
    String name, Path mountpoint, Instant createdAt, Map<String, String> options, Set<String> mountIds) {

  public Volume {
    new VolumeName(name);
    Objects.requireNonNull(mountpoint, "mountpoint");
    Objects.requireNonNull(createdAt, "createdAt");
    if (!mountpoint.isAbsolute()) {
      throw new IllegalArgumentException("mountpoint must be absolute: " + mountpoint);
    }
    options = Collections.unmodifiableMap(new TreeMap<>(options == null ? Map.of() : options));
    mountIds = Collections.unmodifiableSet(new TreeSet<>(mountIds == null ? Set.of() : mountIds));
  }

  public boolean mounted() {
    return !mountIds.isEmpty();
  }
}
