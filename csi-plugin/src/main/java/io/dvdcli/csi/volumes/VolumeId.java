package io.dvdcli.csi.volumes;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A CSI {@code volume_id}: which Docker plugin and which of its volumes, as {@code <driver>#<volume>}
 * (for example {@code rclone#pvc-0c1f...} or {@code myorg/nfs:1.2#data}). No Docker plugin name, v1
 * or managed, can hold {@code #}, so the first one splits the two and the volume name may hold
 * anything. An id without {@code #} names a volume of the default plugin: a static PersistentVolume
 * written by hand, or an inline ephemeral volume, whose id kubelet makes up.
 */
public record VolumeId(String driver, String volume) {
  /** The CSI spec's limit, which the Kubernetes API also enforces on a PV's volumeHandle. */
  public static final int MAX_BYTES = 128;
  public static final char SEPARATOR = '#';
  /**
   * The topology key a node reports (NodeGetInfo) and a volume of a {@code local}-scope plugin is
   * confined to (CreateVolume): such a volume lives on the node that created it.
   */
  public static final String TOPOLOGY_KEY = "topology.csi.dvdcli.io/node";

  public VolumeId {
    if (driver == null || driver.isEmpty() || driver.indexOf(SEPARATOR) >= 0) {
      throw new IllegalArgumentException("a Docker plugin name must be non-empty and without '#': '" + driver + "'");
    }
    if (volume == null || volume.isEmpty()) {
      throw new IllegalArgumentException("a volume name must be non-empty");
    }
  }

  /** Reads an id; {@code defaultDriver} (may be empty) serves ids without a plugin name. */
  public static VolumeId parse(String id, Optional<String> defaultDriver) {
    int split = id.indexOf(SEPARATOR);
    if (split < 0) {
      String driver = defaultDriver.orElseThrow(() -> new IllegalArgumentException("volume id '" + id
          + "' names no Docker plugin ('<plugin>#<volume>') and the server has no --volumedriver"));
      return new VolumeId(driver, id);
    }
    return new VolumeId(id.substring(0, split), id.substring(split + 1));
  }

  public String encode() {
    return driver + SEPARATOR + volume;
  }

  public boolean fitsTheSpec() {
    return encode().getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
  }
}
