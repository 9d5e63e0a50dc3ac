package io.dvdcli.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One volume as {@code Get} and {@code List} describe it. Only {@code Name} is always there:
 * {@code Mountpoint} is optional (moby #23478), {@code CreatedAt} and {@code Status} are newer.
 */
public record VolumeEntry(
    @JsonProperty("Name") String name,
    @JsonProperty("Mountpoint") String mountpoint,
    @JsonProperty("CreatedAt") String createdAt,
    @JsonProperty("Status") Map<String, Object> status) {

  public VolumeEntry {
    // Keep the plugin's key order, so what operators see is stable.
    status = status == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(status));
  }
}
