package io.dvdcli.protocol;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The answer of {@code List}. */
public record ListResponse(
    @JsonProperty("Volumes") List<VolumeEntry> volumes,
    @JsonProperty("Err") @JsonAlias("Error") String err) implements PluginAnswer {

  public ListResponse {
    volumes = volumes == null ? List.of() : volumes.stream().filter(v -> v != null).toList();
  }
}
