package io.dvdcli.flexvolume;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The name pods give in {@code flexVolume.driver: dvdcli/<name>}, and the folder
 * {@code dvdcli~<name>/<name>} it maps to. kubelet loads a driver folder only when
 * {@code flexvolume-dvdcli/<name>} is a Kubernetes qualified name (pkg/volume/plugins.go
 * initProbedPlugin, validation.IsQualifiedName): one {@code /}, then at most 63 of
 * {@code [A-Za-z0-9-_.]} starting and ending alphanumeric. A managed plugin's name
 * ({@code [registry/]org/name[:tag]}) has {@code /} and {@code :}, so it maps to: {@code :latest}
 * dropped (Docker's default tag), then every {@code /} and {@code :} replaced by {@code -}
 * ({@code rexray/ebs:latest} → {@code rexray-ebs}). A name that still does not fit must be chosen
 * with {@code --driver-name}.
 */
public final class DriverName {
  public static final String VENDOR = "dvdcli";

  private static final Pattern QUALIFIED = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

  private DriverName() {}

  /** The default Flexvolume driver name for a Docker plugin name. */
  public static String forPlugin(String plugin) {
    String name = plugin.toLowerCase(Locale.ROOT).endsWith(":latest")
        ? plugin.substring(0, plugin.length() - ":latest".length()) : plugin;
    return name.replace('/', '-').replace(':', '-');
  }

  /** Refuses a name kubelet would not load, saying why. */
  public static String requireValid(String name) {
    if (!QUALIFIED.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + name + "' cannot be a Flexvolume driver name: kubelet needs 1 to 63 of "
          + "letters, digits, '-', '_' and '.', starting and ending with a letter or digit (choose one with --driver-name)");
    }
    return name;
  }

  /** The driver's folder in kubelet's plugin folder. */
  public static String folder(String name) {
    return VENDOR + "~" + name;
  }
}
