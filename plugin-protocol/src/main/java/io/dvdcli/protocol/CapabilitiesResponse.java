package io.dvdcli.protocol;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer of {@code Capabilities} (optional: plugins without it answer 404). */
public record CapabilitiesResponse(
    @JsonProperty("Capabilities") Capabilities capabilities,
    @JsonProperty("Err") @JsonAlias("Error") String err) implements PluginAnswer {

  /** {@code Scope} is {@code global} (one volume cluster-wide) or {@code local}. */
  public record Capabilities(@JsonProperty("Scope") String scope) {}
}
