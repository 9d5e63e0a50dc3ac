package io.dvdcli.volume;

import io.dvdcli.plugin.transport.PluginAddress;
import io.dvdcli.plugin.transport.PluginClient;
import io.dvdcli.plugin.transport.PluginException;
import io.dvdcli.plugin.transport.PluginException.Kind;
import io.dvdcli.protocol.ActivateResponse;
import io.dvdcli.protocol.CapabilitiesResponse;
import io.dvdcli.protocol.CreateRequest;
import io.dvdcli.protocol.ErrorResponse;
import io.dvdcli.protocol.GetResponse;
import io.dvdcli.protocol.ListResponse;
import io.dvdcli.protocol.MountRequest;
import io.dvdcli.protocol.MountpointResponse;
import io.dvdcli.protocol.PluginProtocol;
import io.dvdcli.protocol.VolumeEntry;
import io.dvdcli.protocol.VolumeNameRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The volume plugin API as typed calls: maps wire records to domain values and applies the
 * protocol's defaults (moby {@code volume/drivers/adapter.go}). Per-call limits are Docker's
 * ({@code volume/drivers/proxy.go}): 2 min for Create and Mount, 1 min for the rest; Unmount gets
 * what is left of the command's time, because real detaches take minutes and the agent allows 10.
 */
public final class VolumeDriverClient {
  static final Duration LONG_CALL = Duration.ofMinutes(2);
  static final Duration SHORT_CALL = Duration.ofMinutes(1);
  static final Duration UNBOUNDED_CALL = Duration.ofDays(1);

  private final PluginClient client;
  private final String plugin;

  public VolumeDriverClient(PluginClient client) {
    this.client = client;
    this.plugin = client.address().name();
  }

  public String pluginName() {
    return plugin;
  }

  /** The handshake; a plugin that does not list {@code VolumeDriver} cannot serve volumes. */
  public List<String> activate() throws PluginException {
    ActivateResponse answer = client.call(PluginProtocol.ACTIVATE, null, ActivateResponse.class, SHORT_CALL);
    if (!answer.implementsList().contains(PluginProtocol.VOLUME_DRIVER)) {
      throw new PluginException(Kind.NOT_A_VOLUME_DRIVER,
          "plugin '" + plugin + "' at " + client.address() + " is not a volume driver (it implements "
              + answer.implementsList() + ")");
    }
    return answer.implementsList();
  }

  public void create(String name, Map<String, String> options) throws PluginException {
    client.call(PluginProtocol.CREATE, new CreateRequest(name, options), ErrorResponse.class, LONG_CALL);
  }

  public void remove(String name) throws PluginException {
    client.call(PluginProtocol.REMOVE, new VolumeNameRequest(name), ErrorResponse.class, SHORT_CALL);
  }

  public String mount(String name, String mountId) throws PluginException {
    MountpointResponse answer =
        client.call(PluginProtocol.MOUNT, new MountRequest(name, mountId), MountpointResponse.class, LONG_CALL);
    return hostPath(name, MountPoints.requireUsable(plugin, name, answer.mountpoint()));
  }

  public void unmount(String name, String mountId) throws PluginException {
    client.call(PluginProtocol.UNMOUNT, new MountRequest(name, mountId), ErrorResponse.class, UNBOUNDED_CALL);
  }

  /** The mount point, or {@code ""} when the plugin has none (not mounted, or not said). */
  public String path(String name) throws PluginException {
    MountpointResponse answer =
        client.call(PluginProtocol.PATH, new VolumeNameRequest(name), MountpointResponse.class, SHORT_CALL);
    String mp = answer.mountpoint() == null ? "" : answer.mountpoint();
    return mp.isEmpty() ? mp : hostPath(name, MountPoints.requireUsable(plugin, name, mp));
  }

  /**
   * Whether the volume exists. A 404 (no Get, as in Convoy before 0.5) is {@link
   * VolumeLookup.Unknown}; an Err that says "not found", or an answer without a volume, is {@link
   * VolumeLookup.Missing}; every other failure is thrown.
   */
  public VolumeLookup get(String name) throws PluginException {
    GetResponse answer;
    try {
      answer = client.call(PluginProtocol.GET, new VolumeNameRequest(name), GetResponse.class, SHORT_CALL);
    } catch (PluginException e) {
      if (e.kind() == Kind.NOT_IMPLEMENTED) {
        return new VolumeLookup.Unknown("plugin '" + plugin + "' does not implement VolumeDriver.Get");
      }
      if (e.kind() == Kind.REFUSED && NotFoundAnswers.saysNotFound(e.getMessage())) {
        return new VolumeLookup.Missing(e.getMessage());
      }
      throw e;
    }
    VolumeEntry v = answer.volume();
    if (v == null || v.name() == null || v.name().isEmpty()) {
      return new VolumeLookup.Missing("plugin '" + plugin + "' has no volume '" + name + "'");
    }
    return new VolumeLookup.Found(toVolume(v, client.address()));
  }

  public List<Volume> list() throws PluginException {
    ListResponse answer = client.call(PluginProtocol.LIST, Map.of(), ListResponse.class, SHORT_CALL);
    List<Volume> out = new ArrayList<>();
    for (VolumeEntry v : answer.volumes()) {
      if (v.name() != null && !v.name().isEmpty()) {
        out.add(toVolume(v, client.address()));
      }
    }
    return out;
  }

  /** Optional in the protocol: any failure means {@code local}, as Docker decides. */
  public Scope capabilities() {
    try {
      CapabilitiesResponse answer =
          client.call(PluginProtocol.CAPABILITIES, Map.of(), CapabilitiesResponse.class, SHORT_CALL);
      return Scope.parse(answer.capabilities() == null ? null : answer.capabilities().scope());
    } catch (PluginException e) {
      return Scope.LOCAL;
    }
  }

  /**
   * A usable mount point on the host. A managed plugin's path is inside its root file system; the
   * host path Docker maps it to is checked again (it is what the agent bind-mounts).
   */
  private String hostPath(String name, String mountpoint) throws PluginException {
    String onHost = client.address().hostPath(mountpoint);
    return onHost.equals(mountpoint) ? onHost : MountPoints.requireUsable(plugin, name, onHost);
  }

  /** A listed volume; its mount point is optional in Get and List (moby #23478), and mapped as Docker does. */
  private static Volume toVolume(VolumeEntry v, PluginAddress address) {
    return new Volume(v.name(), address.hostPath(v.mountpoint()), v.createdAt(), v.status());
  }
}
