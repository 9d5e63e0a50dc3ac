package io.dvdcli.shim;

import java.util.List;
import java.util.NoSuchElementException;

/** The answer to {@link VolumeIsolator#prepare}: one entry per requested volume, in request order. */
public record PrepareResult(String containerId, List<PreparedVolume> volumes) {
  public PrepareResult {
    volumes = List.copyOf(volumes);
  }

  public String hostPath(String driver, String name) {
    return volumes.stream()
        .filter(v -> v.driver().equals(driver) && v.name().equals(name))
        .map(PreparedVolume::hostPath)
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("No volume '" + driver + "/" + name + "' in container " + containerId));
  }
}
