package io.dvdcli.examples.marathon.validation;

import io.dvdcli.examples.marathon.app.ExternalVolume;

/** Paths of a volume's fields relative to its app, in Marathon's notation. */
final class VolumePaths {
  private VolumePaths() {}

  static String of(ExternalVolume volume) {
    return "/container/volumes(" + volume.index() + ")";
  }

  /** Marathon names a map entry it looked up as {@code options("key")}. */
  static String driverOption(ExternalVolume volume) {
    return of(volume) + "/external/options(\"" + ExternalVolume.DRIVER_OPTION + "\")";
  }

  /** ... and an entry checked inside the map's own validator as {@code options/"key"}. */
  static String optionEntry(ExternalVolume volume, String key) {
    return of(volume) + "/external/options/\"" + key + "\"";
  }
}
