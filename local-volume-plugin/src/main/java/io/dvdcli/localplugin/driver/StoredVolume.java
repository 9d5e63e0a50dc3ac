package io.dvdcli.localplugin.driver;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A volume as {@code state.json} keeps it: only what cannot be derived (the mount point follows
 * from the name and the layout).
 */
record StoredVolume(String name, String createdAt, Map<String, String> options, Set<String> mountIds) {

  StoredVolume {
    new VolumeName(name);
    Instant.parse(createdAt);
    options = Collections.unmodifiableMap(new TreeMap<>(options == null ? Map.of() : options));
    mountIds = Collections.unmodifiableSet(new TreeSet<>(mountIds == null ? Set.of() : mountIds));
  }

  static StoredVolume created(VolumeName name, Instant at, Map<String, String> options) {
    return new StoredVolume(name.value(), at.toString(), options, Set.of());
  }

  StoredVolume withMountIds(Set<String> ids) {
    return new StoredVolume(name, createdAt, options, ids);
  }
}
