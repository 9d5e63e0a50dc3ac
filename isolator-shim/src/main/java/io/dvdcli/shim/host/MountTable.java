package io.dvdcli.shim.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** The mount points of this mount namespace, from {@code /proc/self/mountinfo}. */
public final class MountTable {
  private final Path mountinfo;

  public MountTable(Path mountinfo) {
    this.mountinfo = mountinfo;
  }

  public static MountTable ofThisProcess() {
    return new MountTable(Path.of("/proc/self/mountinfo"));
  }

  public boolean isMountPoint(Path path) throws IOException {
    return mountPoints().contains(path.toAbsolutePath().normalize().toString());
  }

  public Set<String> mountPoints() throws IOException {
    Set<String> points = new HashSet<>();
    for (String line : Files.readAllLines(mountinfo, StandardCharsets.UTF_8)) {
      String[] fields = line.split(" ");
      if (fields.length > 4) {
        points.add(unescape(fields[4]));
      }
    }
    return points;
  }

  /** The kernel writes space, tab, newline and backslash in paths as octal escapes. */
  static String unescape(String field) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && i + 3 < field.length()
          && field.substring(i + 1, i + 4).chars().allMatch(d -> d >= '0' && d <= '7')) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
