package io.dvdcli.commands;

import io.dvdcli.log.Diagnostics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The flags the original dvdcli accepted on every command and that its callers send: Mesos
 * ({@code --volumedriver=D --volumename=N --volumeopts=K=V}) and mesos-module-dvdi (adds
 * {@code --explicitCreate=true}; option names match in any case).
 */
public final class VolumeFlags {
  private static final Pattern COMMA_LIST = Pattern.compile(",[A-Za-z][A-Za-z0-9_.-]*=");

  @Option(names = "--volumedriver", paramLabel = "DRIVER", description = "Volume plugin name (e.g. rexray).")
  String driver;

  @Option(names = "--volumename", paramLabel = "NAME", description = "Volume name.")
  String name;

  @Option(
      names = "--volumeopts",
      paramLabel = "KEY=VALUE",
      converter = VolumeOptionConverter.class,
      description = "Driver option, repeatable; split on the first '=' only, never on commas.")
  List<VolumeOption> options = new ArrayList<>();

  @Option(
      names = "--explicitcreate",
      arity = "0..1",
      paramLabel = "BOOL",
      fallbackValue = "true",
      description = "Never create the volume implicitly on mount; it must exist.")
  boolean explicitCreate;

  public String driver() {
    if (driver == null || driver.isBlank()) {
      throw new UsageException("missing --volumedriver=DRIVER");
    }
    // Checked here, not only by plugin-name validation: error lines quote the driver as given.
    if (hasControlCharacter(driver)) {
      throw new UsageException("--volumedriver contains a control character");
    }
    return driver;
  }

  public String name() {
    if (name == null || name.isEmpty()) {
      throw new UsageException("missing --volumename=NAME");
    }
    if (hasControlCharacter(name)) {
      throw new UsageException("--volumename contains a control character");
    }
    requireDecoded("--volumename", name);
    return name;
  }

  /** C0, DEL or C1 anywhere in a flag's value. A loop: a stream and a lambda cost a short call time. */
  static boolean hasControlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The JVM decodes argv in the locale's charset and turns bytes it cannot decode into U+FFFD (under
   * a POSIX locale, any non-ASCII name): the text is no longer what the caller sent, so acting on it
   * would create or mount another volume.
   */
  private void requireDecoded(String flag, String value) {
    if (value.indexOf('\uFFFD') >= 0) {
      throw new UsageException(flag + " holds bytes that are not text in this locale ("
          + System.getProperty("sun.jnu.encoding") + "); run dvdcli under a UTF-8 locale, e.g. LC_ALL=C.UTF-8");
    }
  }

  public boolean explicitCreate() {
    return explicitCreate;
  }

  /** The options in the order given; the same key twice with different values is ambiguous. */
  public Map<String, String> options(Diagnostics log) {
    Map<String, String> out = new LinkedHashMap<>();
    for (VolumeOption o : options) {
      requireDecoded("--volumeopts", o.key() + "=" + o.value());
      String previous = out.put(o.key(), o.value());
      if (previous != null && !previous.equals(o.value())) {
        throw new UsageException("--volumeopts key '" + o.key() + "' is given twice with different values");
      }
      if (COMMA_LIST.matcher(o.value()).find()) {
        log.warn("--volumeopts " + o.key() + "=... keeps its ',KEY=' parts in the value: dvdcli never"
            + " splits on commas; if they were meant as separate options, pass one --volumeopts each");
      }
    }
    return Collections.unmodifiableMap(out);
  }
}
