package io.dvdcli.localplugin.driver;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A volume as the driver knows it: a directory (its mount point), its options from Create and
 * the IDs of the consumers that currently have it mounted. Immutable; options and mount IDs are
 * sorted for stable output. Not named {@code Volume}: dvdcli's {@code io.dvdcli.volume.Volume} is
 * the client's view of any plugin's volume, this is only the reference plugin's.
 */
public record DirectoryVolume(
    String name, Path mountpoint, Instant createdAt, Map<String, String> options, Set<String> mountIds) {

  public DirectoryVolume {
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
