package io.dvdcli.mountids;

import io.dvdcli.startup.LeanSecurity;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * This host's name in mount IDs: {@code dvdcli-} and 24 hex digits of SHA-256 of the machine id
 * (hashed, so the raw id never leaves the host; the host name when there is no machine id). A
 * plugin whose volumes are shared by several hosts (scope {@code global}) sees which host holds a
 * mount. dvdcli before the mount-ID ledger sent exactly this as the ID of every mount.
 */
public final class HostId {
  static final List<Path> MACHINE_ID_FILES = List.of(Path.of("/etc/machine-id"), Path.of("/var/lib/dbus/machine-id"));

  private HostId() {}

  public static String get() {
    return "dvdcli-" + sha256Hex(identity()).substring(0, 24);
  }

  static String sha256Hex(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    // JDK 25+ (LeanSecurity active): the JDK's own SHA-256 class, archived and linked in the AOT
    // cache; JDK 17-24: the same digest in plain Java, which links no method handles at run time.
    return HexFormat.of().formatHex(LeanSecurity.active() ? LeanSecurity.sha256().digest(bytes) : Sha256.digest(bytes));
  }

  private static String identity() {
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
}
