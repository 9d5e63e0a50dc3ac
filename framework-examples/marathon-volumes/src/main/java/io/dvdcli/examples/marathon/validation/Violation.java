package io.dvdcli.examples.marathon.validation;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One broken rule: the file, the path of the field inside it (Marathon's notation, e.g. {@code
 * /container/volumes(0)/mode}) and Marathon's message.
 */
public record Violation(Path file, String path, String message) {
  public Violation {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** The line the command prints: {@code FILE: PATH: MESSAGE}. */
  public String render() {
    return file + ": " + path + ": " + message;
  }
}
