package io.dvdcli.shim.dvdi;

import io.dvdcli.shim.VolumeRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * One volume requested through {@code DVDI_VOLUME_*} variables. {@code index} is the variables'
 * suffix (0 for none, else 1-9); {@code dvdcli} is {@code DVDI_VOLUME_DVDCLI[n]} when set.
 */
public record DvdiVolume(int index, VolumeRequest request, Optional<String> dvdcli) {
  public DvdiVolume {
    if (index < 0 || index > 9) {
      throw new IllegalArgumentException("DVDI volume index must be 0-9, got " + index);
    }
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(dvdcli, "dvdcli");
  }

  /** Where {@code run} tells the command this volume's host path. */
  public String hostPathVariable() {
    return DvdiEnvironment.PREFIX + "HOSTPATH" + (index == 0 ? "" : Integer.toString(index));
  }
}
