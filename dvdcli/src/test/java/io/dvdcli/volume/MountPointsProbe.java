package io.dvdcli.volume;

/** Opens the package-private mount point check to the fuzz tests in {@code io.dvdcli.hostile}. */
public final class MountPointsProbe {
  private MountPointsProbe() {}

  /** Why the plugin's mount point cannot be used, or null when it can. */
  public static String problem(String mountpoint) {
    return MountPoints.problem(mountpoint);
  }
}
