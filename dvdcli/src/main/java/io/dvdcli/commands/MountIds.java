package io.dvdcli.commands;

import io.dvdcli.startup.LeanSecurity;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The {@code ID} sent with Mount and Unmount. Docker uses one per container; the Mesos agent keeps
 * no state to hand us, and itself counts references across containers (it unmounts after the last
 * one), so the ID is one stable value per host: Unmount then always matches the Mount. Derived from
 * the machine id (hashed, so the raw id never leaves the host), overridable with
 * {@code --mount-id} or {@code DVDCLI_MOUNT_ID}.
 */
final class MountIds {
  static final List<Path> MACHINE_ID_FILES = List.of(Path.of("/etc/machine-id"), Path.of("/var/lib/dbus/machine-id"));

  private MountIds() {}

  static String resolve(String flag, Map<String, String> env) {
    String chosen = flag != null ? flag : env.get("DVDCLI_MOUNT_ID");
    if (chosen != null) {
      if (chosen.isBlank() || chosen.length() > 255 || VolumeFlags.hasControlCharacter(chosen)) {
        throw new IllegalArgumentException("the mount ID must be 1-255 printable characters");
      }
      return chosen;
    }
    return "dvdcli-" + sha256(hostIdentity()).substring(0, 24);
  }

  private static String hostIdentity() {
    for (Path p : MACHINE_ID_FILES) {
      try {
        String id = Files.readString(p, StandardCharsets.US_ASCII).trim();
        if (!id.isEmpty()) {
          return "machine-id:" + id;
        }
      } catch (IOException | SecurityException e) {
        // try the next source
      }
    }
    try {
      return "hostname:" + InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }

  private static String sha256(String s) {
    return HexFormat.of().formatHex(LeanSecurity.sha256().digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
