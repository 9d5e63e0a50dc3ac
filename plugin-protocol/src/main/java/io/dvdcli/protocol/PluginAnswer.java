package io.dvdcli.protocol;

/** Every answer may carry {@code Err}; a non-empty one means the call failed with that message. */
public interface PluginAnswer {
  String err();

  default boolean failed() {
    return err() != null && !err().isEmpty();
  }
}
