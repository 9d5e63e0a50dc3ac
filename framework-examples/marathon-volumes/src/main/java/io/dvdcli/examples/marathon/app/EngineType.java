package io.dvdcli.examples.marathon.app;

import com.fasterxml.jackson.annotation.JsonCreator;

/** {@code container.type}; Marathon defaults it to DOCKER. */
public enum EngineType {
  MESOS,
  DOCKER;

  @JsonCreator
  static EngineType fromJson(String literal) {
    return EnumLiterals.parse(EngineType.class, literal);
  }
}
