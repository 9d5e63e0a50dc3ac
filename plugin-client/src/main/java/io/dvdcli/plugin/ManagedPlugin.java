package io.dvdcli.plugin;

import io.dvdcli.plugin.transport.ManagedPaths;
import java.util.List;
import java.util.Locale;

/**
 * A managed (v2) plugin as the Docker engine's {@code GET /plugins} describes it, reduced to the
 * fields dvdcli reads: the socket is {@code /run/docker/plugins/<id>/<socket>} and the paths it
 * answers are mapped through {@code propagatedMount} (see {@link ManagedPaths}).
 */
public record ManagedPlugin(
    String id, String name, boolean enabled, String socket, String propagatedMount, List<String> types) {
  public ManagedPlugin {
    types = types == null ? List.of() : List.copyOf(types);
    propagatedMount = propagatedMount == null ? "" : propagatedMount;
  }

  /** Whether the engine would resolve {@code wanted} to this plugin (a missing tag means latest). */
  public boolean isNamed(String wanted) {
    return name != null && canonical(name).equals(canonical(wanted));
  }

  /** Whether it says it serves volumes ({@code docker.volumedriver/1.x}). */
  public boolean isVolumeDriver() {
    return types.stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).startsWith("docker.volumedriver/1."));
  }

  /** Docker's reference form: a missing tag means {@code latest}; the default registry is implied. */
  static String canonical(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.startsWith("docker.io/")) {
      n = n.substring("docker.io/".length());
    }
    if (n.startsWith("library/")) {
      n = n.substring("library/".length());
    }
    int slash = n.lastIndexOf('/');
    return n.indexOf(':', slash + 1) >= 0 ? n : n + ":latest";
  }
}
