package io.dvdcli.volume;

import io.dvdcli.log.Diagnostics;
import io.dvdcli.plugin.PluginDiscovery;
import io.dvdcli.plugin.PluginLookup;
import io.dvdcli.plugin.transport.Backoff;
import io.dvdcli.plugin.transport.Deadline;
import io.dvdcli.plugin.transport.PluginAddress;
import io.dvdcli.plugin.transport.PluginClient;
import io.dvdcli.plugin.transport.PluginException;
import io.dvdcli.plugin.transport.Sleeper;
import java.time.Duration;

/**
 * The client library's entry point: every front end (dvdcli's commands, its Flexvolume driver,
 * dvdcli-csi) reaches Docker volume plugins through one of these. It knows where plugins are looked
 * for ({@link PluginDiscovery}: sockets, spec files, managed plugins through the engine) and how a
 * missing or refusing plugin is waited for (Docker's {@link Backoff}); each call then gets the
 * deadline of the work it belongs to. What comes back is the typed volume API
 * ({@link VolumeDriverClient}, with {@link VolumeService} for the mount and unmount flows), and what
 * goes wrong is a {@link PluginException} whose kind each front end maps to its own world (an exit
 * code, a Flexvolume status, a gRPC code).
 */
public final class VolumePlugins {
  /** Only TCP and https plugins connect in more than an instant; a call's deadline still caps it. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final PluginDiscovery discovery;
  private final Backoff backoff;
  private final Diagnostics log;

  public VolumePlugins(PluginDiscovery discovery, Backoff backoff, Diagnostics log) {
    this.discovery = discovery;
    this.backoff = backoff;
    this.log = log;
  }

  public PluginDiscovery discovery() {
    return discovery;
  }

  public Diagnostics log() {
    return log;
  }

  /** Where the plugin {@code driver} listens, waiting for a missing one as Docker does, within {@code deadline}. */
  public PluginAddress find(String driver, Deadline deadline) throws PluginException {
    PluginAddress address = new PluginLookup(discovery, backoff, deadline, Sleeper.REAL, log).find(driver);
    log.debug("plugin '" + driver + "' is at " + address + " (found at " + address.foundAt() + ")");
    return address;
  }

  /** The typed API of the plugin at {@code address}; nothing is sent before the first call (Activate). */
  public VolumeDriverClient client(PluginAddress address, Deadline deadline) throws PluginException {
    return new VolumeDriverClient(PluginClient.connect(address, CONNECT_TIMEOUT, backoff, deadline, Sleeper.REAL, log));
  }

  /** {@link #find} then {@link #client}: the plugin named {@code driver}, ready for its Activate. */
  public VolumeDriverClient connect(String driver, Deadline deadline) throws PluginException {
    return client(find(driver, deadline), deadline);
  }
}
