package io.dvdcli.examples.mesos.task;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One external volume of a task: what the agent passes to dvdcli (driver, name, options) and
 * where the task sees it (container path, mode).
 */
public record TaskVolume(
    String driver, String name, Map<String, String> options, String containerPath, VolumeMode mode) {

  public TaskVolume {
    requireText(driver, "volume driver");
    requireText(name, "volume name");
    requireText(containerPath, "volume container path");
    Objects.requireNonNull(mode, "volume mode");
    options = options == null ? Map.of() : unmodifiableInOrder(options);
    options.forEach((key, value) -> {
      requireText(key, "volume option key");
      Objects.requireNonNull(value, "value of volume option '" + key + "'");
    });
  }

  private static Map<String, String> unmodifiableInOrder(Map<String, String> options) {
    // dvdcli gets one --volumeopts per option in map order, so keep the order the user gave.
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
  }
}
