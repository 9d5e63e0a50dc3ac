package io.dvdcli.examples.marathon.app;

import com.fasterxml.jackson.annotation.JsonCreator;

/** A volume's {@code mode}: read-only or read-write. */
public enum ReadMode {
  RO,
  RW;

  @JsonCreator
  static ReadMode fromJson(String literal) {
    return EnumLiterals.parse(ReadMode.class, literal);
  }
}
