package io.dvdcli.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The project's version, as the build wrote it, for every command's {@code --version}. */
public final class ProjectVersion {
  private ProjectVersion() {}

  /** The version, or "unknown" when the build left none (a class path without the resource). */
  public static String get() {
    Properties p = new Properties();
    try (InputStream in = ProjectVersion.class.getResourceAsStream("/io/dvdcli/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // "unknown" below
    }
    return p.getProperty("version", "unknown");
  }
}
