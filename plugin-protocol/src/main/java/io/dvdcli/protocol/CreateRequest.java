package io.dvdcli.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** {@code VolumeDriver.Create}: the driver options travel as a string map. */
public record CreateRequest(
    @JsonProperty("Name") String name, @JsonProperty("Opts") Map<String, String> opts) {

  public CreateRequest {
    // Docker sends null for "no options"; an empty map is easier on plugins that index it.
    opts = opts == null ? Map.of() : Map.copyOf(opts);
  }
}
