package io.dvdcli.protocol;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code Create}, {@code Remove} and {@code Unmount}, and the error shape of every
 * call. REX-Ray says {@code Error} where the protocol says {@code Err}, so both are read.
 */
public record ErrorResponse(@JsonProperty("Err") @JsonAlias("Error") String err) implements PluginAnswer {
  public static final ErrorResponse OK = new ErrorResponse(null);
}
