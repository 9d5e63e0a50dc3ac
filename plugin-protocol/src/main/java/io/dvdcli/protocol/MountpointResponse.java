package io.dvdcli.protocol;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer of {@code Mount} and {@code Path}. */
public record MountpointResponse(
    @JsonProperty("Mountpoint") String mountpoint,
    @JsonProperty("Err") @JsonAlias("Error") String err) implements PluginAnswer {}
