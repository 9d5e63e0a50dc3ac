package io.dvdcli.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code Mount} and {@code Unmount}. {@code ID} names the consumer of the mount (Docker
 * 1.12+): the matching Unmount must carry the same one.
 */
public record MountRequest(@JsonProperty("Name") String name, @JsonProperty("ID") String id) {}
