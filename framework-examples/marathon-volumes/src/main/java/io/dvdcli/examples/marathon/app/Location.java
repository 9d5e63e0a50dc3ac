package io.dvdcli.examples.marathon.app;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an app definition sits: its file and its path inside that file, written the way Marathon
 * writes violation paths ({@code ""} for a file that is one app, {@code /apps(0)}, {@code
 * /groups(1)/apps(0)} inside a group).
 */
public record Location(Path file, String jsonPath) {
  public Location {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(jsonPath, "jsonPath");
    if (!jsonPath.isEmpty() && !jsonPath.startsWith("/")) {
      throw new IllegalArgumentException("jsonPath must be empty or start with '/': " + jsonPath);
    }
  }

  /** The path of a field of this app, e.g. {@code at("/container")}. */
  public String at(String relative) {
    return jsonPath + relative;
  }

  /** The path of the app itself: Marathon writes {@code /} for the object under validation. */
  public String self() {
    return jsonPath.isEmpty() ? "/" : jsonPath;
  }
}
