package io.dvdcli.volume;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A volume as dvdcli reports it. The wire form leaves {@code Mountpoint} and {@code Status} out at
 * will; here they are always present ({@code ""} and an empty map when the plugin said nothing).
 */
public record Volume(String name, String mountpoint, String createdAt, Map<String, Object> status) {
  public Volume {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a volume needs a name");
    }
    mountpoint = mountpoint == null ? "" : mountpoint;
    createdAt = createdAt == null ? "" : createdAt;
    status = status == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(status));
  }
}
