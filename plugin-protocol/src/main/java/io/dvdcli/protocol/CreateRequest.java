package io.dvdcli.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code VolumeDriver.Create}: the driver options travel as a string map. */
public record CreateRequest(
    @JsonProperty("Name") String name, @JsonProperty("Opts") Map<String, String> opts) {

  public CreateRequest {
    // Docker sends null for "no options"; an empty map is easier on plugins that index it. The
    // caller's order is kept, so the plugin sees the options as the agent listed them.
    opts = opts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(opts));
  }
}
