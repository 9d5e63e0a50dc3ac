package io.dvdcli.protocol;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer of {@code Get}; a missing or null {@code Volume} means "no such volume". */
public record GetResponse(
    @JsonProperty("Volume") VolumeEntry volume, @JsonProperty("Err") @JsonAlias("Error") String err) implements PluginAnswer {}
