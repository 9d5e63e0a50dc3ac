package io.dvdcli.shim.cli;

import io.dvdcli.shim.VolumeRequest;
import io.dvdcli.shim.dvdi.DvdiEnvironment;
import io.dvdcli.shim.dvdi.DvdiVolume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Turns DVDI_VOLUME_* variables into requests, as mesos-module-dvdi's prepare did. */
final class DvdiVolumes {
  private DvdiVolumes() {}

  /** Parses, then creates missing container paths under /tmp/ (the module's one exception). */
  static List<DvdiVolume> fromEnvironment(java.util.Map<String, String> environment) throws IOException {
    List<DvdiVolume> volumes = DvdiEnvironment.parse(environment);
    for (DvdiVolume volume : volumes) {
      String path = volume.request().containerPath();
      if (path != null && !Files.exists(Path.of(path))) {
        Files.createDirectories(Path.of(path));
      }
    }
    return volumes;
  }

  static List<VolumeRequest> requests(List<DvdiVolume> volumes) {
    return volumes.stream().map(DvdiVolume::request).toList();
  }

  /** {@code DVDI_VOLUME_DVDCLI[n]}: one binary runs all of a container's volumes, so all must agree. */
  static Path dvdcli(List<DvdiVolume> volumes) {
    List<String> binaries = volumes.stream().map(DvdiVolume::dvdcli).flatMap(Optional::stream).distinct()
        .collect(Collectors.toList());
    if (binaries.size() > 1) {
      throw new IllegalArgumentException("DVDI_VOLUME_DVDCLI variables disagree (" + String.join(", ", binaries)
          + "): the shim runs one dvdcli for a container");
    }
    return binaries.isEmpty() ? null : Path.of(binaries.get(0));
  }
}
