package io.dvdcli.flexvolume;

import java.util.Objects;

/**
 * What a {@code mount} call did, kept so that {@code unmount <dir>} (which gets nothing but the
 * folder) releases exactly that: the plugin, its volume and the mount ID sent with Mount. Only
 * identity is kept; whether the folder is mounted is read from the kernel each time.
 *
 * @param target the pod's volume folder kubelet named
 * @param plugin the Docker volume plugin
 * @param volume the plugin's volume
 * @param mountId the ID of the plugin's Mount, which the matching Unmount must repeat
 */
public record MountRecord(String target, String plugin, String volume, String mountId) {
  public MountRecord {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(plugin, "plugin");
    Objects.requireNonNull(volume, "volume");
    Objects.requireNonNull(mountId, "mountId");
  }
}
