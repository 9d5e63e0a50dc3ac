package io.dvdcli.plugin;

import java.nio.file.Path;

/** Finds the socket of a managed (v2) plugin, which only the Docker engine can map to its id. */
@FunctionalInterface
public interface ManagedPluginLocator {
  PluginAddress find(String name, Path socketsDir) throws PluginException;
}
