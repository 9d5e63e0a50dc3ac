package io.dvdcli.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
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
    status = status == null ? null : Map.copyOf(status);
  }
}
