package io.dvdcli.shim.dvdi;

import io.dvdcli.shim.VolumeRequest;
import io.dvdcli.untrusted.UntrustedText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The environment interface of mesos-module-dvdi: {@code DVDI_VOLUME_NAME}, {@code _DRIVER}
 * (default {@code rexray}), {@code _OPTS} (comma-separated {@code k=v}), {@code _CONTAINERPATH},
 * {@code _EXPLICITCREATE}, {@code _DVDCLI}, each optionally suffixed by one digit 1-9 for more
 * volumes. The module's rules are kept (its forbidden characters in names, drivers, options and
 * explicitcreate; absolute container paths that exist or lie under {@code /tmp/}); where it was
 * silent or lenient the shim refuses instead: variables for a volume with no name, a misspelt
 * explicitcreate, a duplicate volume (the module's identity: lower-cased driver and name).
 */
public final class DvdiEnvironment {
  static final String PREFIX = "DVDI_VOLUME_";
  private static final String NAME = "NAME";
  private static final String DRIVER = "DRIVER";
  private static final String OPTS = "OPTS";
  private static final String CONTAINERPATH = "CONTAINERPATH";
  private static final String EXPLICITCREATE = "EXPLICITCREATE";
  private static final String DVDCLI = "DVDCLI";
  private static final List<String> KINDS = List.of(NAME, DRIVER, OPTS, CONTAINERPATH, EXPLICITCREATE, DVDCLI);
  private static final List<String> CHECKED = List.of(NAME, DRIVER, OPTS, EXPLICITCREATE);
  private static final String FORBIDDEN = "%/:;<>|`$'?^& {\"}[]\\";
  public static final String DEFAULT_DRIVER = "rexray";

  private DvdiEnvironment() {}

  /**
   * The volumes the environment asks for, by index.
   *
   * @throws IllegalArgumentException naming the offending variable
   */
  public static List<DvdiVolume> parse(Map<String, String> environment) {
    Map<Integer, Map<String, String>> byIndex = new HashMap<>();
    for (Map.Entry<String, String> variable : environment.entrySet()) {
      String name = variable.getKey();
      for (String kind : KINDS) {
        String prefix = PREFIX + kind;
        if (!name.startsWith(prefix)) {
          continue;
        }
        String suffix = name.substring(prefix.length());
        if (suffix.length() > 1 || (suffix.length() == 1 && (suffix.charAt(0) < '1' || suffix.charAt(0) > '9'))) {
          throw new IllegalArgumentException("Invalid environment variable '" + UntrustedText.quoted(name)
              + "': " + prefix + " takes no suffix or one digit 1-9");
        }
        String value = variable.getValue();
        if (CHECKED.contains(kind) && forbidden(value)) {
          throw new IllegalArgumentException("Invalid " + name + " '" + UntrustedText.quoted(value)
              + "': contains a character mesos-module-dvdi forbids (one of " + FORBIDDEN
              + " or a control character)");
        }
        int index = suffix.isEmpty() ? 0 : suffix.charAt(0) - '0';
        byIndex.computeIfAbsent(index, i -> new HashMap<>()).put(kind, value);
      }
    }
    List<DvdiVolume> volumes = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (int index = 0; index <= 9; index++) {
      Map<String, String> vars = byIndex.get(index);
      if (vars == null) {
        continue;
      }
      String suffix = index == 0 ? "" : Integer.toString(index);
      String name = vars.getOrDefault(NAME, "");
      if (name.isEmpty()) {
        throw new IllegalArgumentException(PREFIX + String.join(suffix + "/", vars.keySet().stream().sorted().toList())
            + suffix + " set but " + PREFIX + NAME + suffix + " is not");
      }
      String driver = vars.getOrDefault(DRIVER, "");
      driver = driver.isEmpty() ? DEFAULT_DRIVER : driver;
      String identity = driver.toLowerCase(Locale.ROOT) + "/" + name.toLowerCase(Locale.ROOT);
      String earlier = seen.putIfAbsent(identity, PREFIX + NAME + suffix);
      if (earlier != null) {
        throw new IllegalArgumentException("Duplicate DVDI volume '" + driver + "/" + name + "' in "
            + earlier + " and " + PREFIX + NAME + suffix);
      }
      VolumeRequest request = new VolumeRequest(driver, name, options(vars.getOrDefault(OPTS, ""), suffix),
          containerPath(vars.get(CONTAINERPATH), suffix), VolumeRequest.Mode.RW,
          explicitCreate(vars.getOrDefault(EXPLICITCREATE, ""), suffix));
      String dvdcli = vars.get(DVDCLI);
      volumes.add(new DvdiVolume(index, request,
          dvdcli == null || dvdcli.isEmpty() ? Optional.empty() : Optional.of(dvdcli)));
    }
    return volumes;
  }

  private static boolean forbidden(String value) {
    return value.chars().anyMatch(c -> Character.isISOControl(c) || FORBIDDEN.indexOf(c) >= 0);
  }

  private static Map<String, String> options(String opts, String suffix) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String pair : opts.split(",")) {
      if (pair.isEmpty()) {
        continue; // the module skips empty segments ("a=1,,b=2")
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("Invalid " + PREFIX + OPTS + suffix + " entry '" + UntrustedText.quoted(pair)
            + "': must be key=value");
      }
      if (options.put(pair.substring(0, eq), pair.substring(eq + 1)) != null) {
        throw new IllegalArgumentException("Invalid " + PREFIX + OPTS + suffix + ": option '"
            + pair.substring(0, eq) + "' is given twice");
      }
    }
    return options;
  }

  private static String containerPath(String path, String suffix) {
    if (path == null || path.isEmpty()) {
      return null;
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("Invalid " + PREFIX + CONTAINERPATH + suffix + " '" + UntrustedText.quoted(path)
          + "': must start with /");
    }
    if (!path.startsWith("/tmp/") && !Files.exists(Path.of(path))) {
      throw new IllegalArgumentException("Invalid " + PREFIX + CONTAINERPATH + suffix + " '" + UntrustedText.quoted(path)
          + "': must exist, or be under /tmp/ (then it is created)");
    }
    return path;
  }

  private static boolean explicitCreate(String value, String suffix) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (v.isEmpty() || v.equals("false")) {
      return false;
    }
    if (v.equals("true")) {
      return true;
    }
    throw new IllegalArgumentException("Invalid " + PREFIX + EXPLICITCREATE + suffix + " '" + UntrustedText.quoted(value)
        + "': must be true or false");
  }
}
