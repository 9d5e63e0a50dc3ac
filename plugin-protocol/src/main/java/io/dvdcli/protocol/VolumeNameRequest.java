package io.dvdcli.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code Remove}, {@code Path} and {@code Get}: just the volume's name. */
public record VolumeNameRequest(@JsonProperty("Name") String name) {}
