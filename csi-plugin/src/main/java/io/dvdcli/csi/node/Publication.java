package io.dvdcli.csi.node;

import io.dvdcli.records.Digests;

/**
 * One volume published at one target, as recorded on disk before the plugin's Mount (so a crash
 * after it can always be undone) and marked {@code bound} once the target is mounted.
 *
 * @param arguments what NodePublishVolume asked, in a form that compares: the same target
 *     republished with other arguments is ALREADY_EXISTS
 * @param mountId the ID sent with the plugin's Mount and Unmount: one per (volume, target)
 */
public record Publication(String volumeId, String driver, String volume, String target, String mountId,
    boolean readOnly, boolean ephemeral, String arguments, boolean bound) {

  /**
   * The mount ID for a volume at a target: unique per pair, so a plugin that counts its users
   * keeps the volume while any pod still uses it, and derivable again from the pair alone.
   */
  public static String mountIdFor(String volumeId, String target) {
    return "csi-" + Digests.sha256Hex(volumeId + "\0" + target).substring(0, 32);
  }

  Publication asBound() {
    return new Publication(volumeId, driver, volume, target, mountId, readOnly, ephemeral, arguments, true);
  }
}
