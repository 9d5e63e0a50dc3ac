package io.dvdcli.plugin.transport;

import java.nio.file.Path;

/**
 * Where a managed (v2) plugin's paths are on the host. The plugin runs in its own root file system
 * and answers Mount, Path, Get and List with paths inside it; Docker maps each one before use
 * (moby {@code plugin/v2/plugin.go} ScopedPath): a path that starts with the plugin's
 * {@code PropagatedMount} becomes {@code <plugin dir>/propagated-mount/<rest>}, any other path
 * {@code <plugin dir>/rootfs/<path>}, where the plugin dir is {@code <DockerRootDir>/plugins/<Id>}.
 * "Starts with" is a plain string prefix, as in Docker (so {@code /database} is under a
 * {@code /data} propagated mount too): a plugin was tested against exactly that mapping.
 */
public record ManagedPaths(Path pluginDir, String propagatedMount) {
  public ManagedPaths {
    if (!pluginDir.isAbsolute()) {
      throw new IllegalArgumentException("the plugin folder must be absolute: " + pluginDir);
    }
    propagatedMount = propagatedMount == null ? "" : propagatedMount;
  }

  /** The host path of {@code inPlugin}; an empty path (the plugin said none) stays empty. */
  public String toHost(String inPlugin) {
    if (inPlugin == null || inPlugin.isEmpty()) {
      return inPlugin;
    }
    if (!propagatedMount.isEmpty() && inPlugin.startsWith(propagatedMount)) {
      return join(pluginDir.resolve("propagated-mount"), inPlugin.substring(propagatedMount.length()));
    }
    return join(pluginDir.resolve("rootfs"), inPlugin);
  }

  /** Go's filepath.Join: the parts joined with one slash, then cleaned. */
  private static String join(Path base, String rest) {
    String relative = rest;
    while (relative.startsWith("/")) {
      relative = relative.substring(1);
    }
    return (relative.isEmpty() ? base : base.resolve(relative)).normalize().toString();
  }
}
