package io.dvdcli.plugin;

import io.dvdcli.plugin.transport.PluginAddress;
import io.dvdcli.plugin.transport.PluginException;
import java.util.List;

/** Finds managed (v2) plugins, which only the Docker engine can map to their sockets and paths. */
public interface ManagedPluginLocator {
  /** The plugin named {@code name} ({@code org/name[:tag]}). */
  PluginAddress find(String name) throws PluginException;

  /** Every managed plugin installed, each with its address or why it cannot be used. */
  List<PluginDiscovery.Found> scan() throws PluginException;
}
