package io.dvdcli.protocol;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code POST /Plugin.Activate} (empty body) answers the subsystems the plugin implements. */
public record ActivateResponse(
    @JsonProperty("Implements") List<String> implementsList,
    @JsonProperty("Err") @JsonAlias("Error") String err) implements PluginAnswer {

  public ActivateResponse {
    implementsList = implementsList == null ? List.of() : List.copyOf(implementsList);
  }

  public static ActivateResponse volumeDriver() {
    return new ActivateResponse(List.of(PluginProtocol.VOLUME_DRIVER), null);
  }
}
