package io.dvdcli.testsupport.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** This process's mount table (/proc/self/mountinfo), and lazy unmounts for cleanup. */
public final class Mounts {
  private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

  private Mounts() {}

  /** One line of mountinfo: where it is mounted and the file system type (e.g. fuse.rclone). */
  public record Mount(Path mountPoint, String fsType, String source) {}

  public static List<Mount> all() {
    try {
      List<Mount> mounts = new ArrayList<>();
      for (String line : Files.readAllLines(MOUNTINFO)) {
        // id parent major:minor root mount-point options [optional fields...] - fstype source super
        String[] fields = line.split(" ");
        int separator = List.of(fields).indexOf("-");
        if (fields.length < 5 || separator < 0 || separator + 2 >= fields.length) {
          continue;
        }
        mounts.add(new Mount(Path.of(unescape(fields[4])), fields[separator + 1], unescape(fields[separator + 2])));
      }
      return mounts;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Mounts at {@code dir} or below it, deepest first. */
  public static List<Mount> under(Path dir) {
    Path root = dir.toAbsolutePath().normalize();
    return all().stream()
        .filter(m -> m.mountPoint().startsWith(root))
        .sorted(Comparator.comparingInt((Mount m) -> m.mountPoint().getNameCount()).reversed())
        .toList();
  }

  public static boolean isMountPoint(Path dir) {
    Path path = dir.toAbsolutePath().normalize();
    return all().stream().anyMatch(m -> m.mountPoint().equals(path));
  }

  /**
   * Lazily unmounts ({@code umount -l}) everything at or below {@code dir}, deepest first, so that
   * the folder can be deleted even when a peer died holding mounts. Returns what is still mounted.
   */
  public static List<Mount> unmountAllUnder(Path dir) {
    for (int round = 0; round < 5 && !under(dir).isEmpty(); round++) {
      for (Mount mount : under(dir)) {
        Commands.run(Duration.ofSeconds(30), "umount", "-l", mount.mountPoint().toString());
      }
    }
    return under(dir);
  }

  /** mountinfo escapes space, tab, newline and backslash as three octal digits. */
  private static String unescape(String field) {
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
