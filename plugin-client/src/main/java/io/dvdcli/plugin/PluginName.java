package io.dvdcli.plugin;

import io.dvdcli.plugin.transport.PluginException;
import io.dvdcli.untrusted.UntrustedText;
import java.util.regex.Pattern;

/**
 * Plugin names as Docker accepts them. A legacy plugin is a plain name ({@code rexray},
 * {@code local-persist}) that becomes a file name in the plugin folders, so it must never be able to
 * point elsewhere. A managed (v2) plugin is {@code [registry/]repo/name[:tag]} and is found through
 * the Docker engine instead.
 */
public final class PluginName {
  private static final Pattern LEGACY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,254}");
  private static final Pattern MANAGED =
      Pattern.compile(
          "[a-z0-9][a-z0-9._-]*(:[0-9]+)?(/[a-z0-9][a-z0-9._-]*)+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?");

  private PluginName() {}

  public static boolean isManaged(String name) {
    return name.indexOf('/') >= 0;
  }

  /**
   * The one spelling of a plugin's name: a managed plugin has several ({@code org/x},
   * {@code org/x:latest}, {@code docker.io/org/x}) that the engine resolves to the same plugin.
   * What dvdcli records about a plugin is keyed by this.
   */
  public static String identity(String name) {
    return isManaged(name) ? ManagedPlugin.canonical(name) : name;
  }

  /** Throws unless the name is one Docker could have; returns it unchanged. */
  public static String validate(String name) throws PluginException {
    if (name == null || name.isEmpty()) {
      throw new PluginException(PluginException.Kind.INVALID_NAME, "the volume driver name is empty");
    }
    boolean ok = isManaged(name) ? MANAGED.matcher(name).matches() : LEGACY.matcher(name).matches();
    if (!ok || name.contains("..")) {
      throw new PluginException(
          PluginException.Kind.INVALID_NAME,
          "'" + UntrustedText.quoted(name) + "' is not a valid volume driver name"
              + " (letters, digits, '.', '_', '-'; managed plugins as repo/name[:tag])");
    }
    return name;
  }

}
