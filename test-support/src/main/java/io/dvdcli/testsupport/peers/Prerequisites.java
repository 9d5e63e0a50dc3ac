package io.dvdcli.testsupport.peers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Skips (JUnit assumptions) with a reason a reader can act on when a real peer cannot run here:
 * not root, a binary or device missing. CI runs as root with .ci/run's packages installed.
 */
public final class Prerequisites {
  private Prerequisites() {}

  /** Skips unless this process runs with effective uid 0. */
  public static void assumeRoot(String what) {
    assumeTrue(effectiveUid().orElse(-1L) == 0L, () -> what + " needs root (this JVM's effective uid is "
        + effectiveUid().map(String::valueOf).orElse("unknown") + ")");
  }

  /** The binary's path; skips, naming the Debian package to install, when it is missing. */
  public static Path assumeBinary(String binary, String debianPackage) {
    Optional<Path> path = Commands.find(binary);
    assumeTrue(path.isPresent(), () -> binary + " is not installed (apt-get install -y " + debianPackage + ")");
    return path.get();
  }

  /** Skips unless {@code device} exists (e.g. /dev/fuse, absent in many containers). */
  public static void assumeDevice(Path device, String why) {
    assumeTrue(Files.exists(device), () -> device + " does not exist here: " + why);
  }

  static Optional<Long> effectiveUid() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(line -> line.startsWith("Uid:"))
          .map(line -> line.substring(4).trim().split("\\s+"))
          .filter(fields -> fields.length >= 2)
          .map(fields -> Long.parseLong(fields[1]))
          .findFirst();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
