package io.dvdcli.testsupport.mesos;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Mesos's rules for any ID (src/common/validation.cpp:46-77 in 1.11.0). */
final class Ids {
  /** NAME_MAX on Linux; the check counts bytes. */
  static final int MAX_BYTES = 255;

  private Ids() {}

  static Optional<String> error(String id) {
    if (id.isEmpty()) {
      return Optional.of("ID must not be empty");
    }
    if (id.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return Optional.of("ID must not be greater than " + MAX_BYTES + " characters");
    }
    if (id.equals(".") || id.equals("..")) {
      return Optional.of("'" + id + "' is disallowed");
    }
    // iscntrl() of the C locale, and both path separators.
    boolean invalid = id.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '/' || c == '\\');
    if (invalid) {
      return Optional.of("'" + id + "' contains invalid characters");
    }
    return Optional.empty();
  }
}
