package io.dvdcli.shim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** A shell script standing in for dvdcli, with toggles for failing and hanging calls. */
public final class FakeDvdcli {
  private final Path dir;
  private final Path script;

  private FakeDvdcli(Path dir) throws IOException {
    this.dir = dir;
    this.script = dir.resolve("dvdcli");
    try (InputStream in = FakeDvdcli.class.getResourceAsStream("fake-dvdcli.sh")) {
      Files.write(script, in.readAllBytes());
    }
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  public static FakeDvdcli in(Path dir) throws IOException {
    Files.createDirectories(dir);
    return new FakeDvdcli(dir);
  }

  public Path path() {
    return script;
  }

  public boolean isMounted(String driver, String name) {
    return Files.exists(dir.resolve("mounted").resolve(driver + "@" + name));
  }

  public void toggle(String what, String name, boolean on) throws IOException {
    Path flag = dir.resolve(what + "-" + name);
    if (on) {
      Files.writeString(flag, "");
    } else {
      Files.deleteIfExists(flag);
    }
  }

  public Path file(String name) {
    return dir.resolve(name);
  }

  /** Each call's argv (without stdin line), in order. */
  public List<List<String>> calls() throws IOException {
    List<List<String>> calls = new ArrayList<>();
    Path log = dir.resolve("calls.log");
    if (!Files.exists(log)) {
      return calls;
    }
    List<String> current = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      if (line.equals("--")) {
        calls.add(current);
        current = new ArrayList<>();
      } else {
        current.add(line);
      }
    }
    return calls;
  }
}
