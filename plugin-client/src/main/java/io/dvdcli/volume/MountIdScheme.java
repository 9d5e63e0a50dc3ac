package io.dvdcli.volume;

import io.dvdcli.mountids.MountLedger;

/**
 * Which ID a Mount and its Unmount carry: one the caller chose and keeps track of itself
 * ({@code --mount-id}, a Flexvolume or CSI front end deriving one per consumer), or a fresh one per
 * Mount recorded in this host's {@link MountLedger}, all released by the unmount (the Mesos agent's
 * calls, which name no consumer).
 */
public sealed interface MountIdScheme {
  /** The caller's own ID, the same for the Mount and the Unmount. */
  record Fixed(String id) implements MountIdScheme {
    public Fixed {
      if (id == null || id.isEmpty()) {
        throw new IllegalArgumentException("a mount ID is not empty");
      }
    }
  }

  /** A new ID per Mount, recorded before it is sent; the unmount releases every recorded one. */
  record Recorded(MountLedger ledger) implements MountIdScheme {}
}
