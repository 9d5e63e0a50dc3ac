package io.dvdcli.examples.scheduler.standin;

import io.dvdcli.examples.scheduler.task.VolumeMode;
import io.dvdcli.examples.scheduler.task.VolumeSpec;
import io.dvdcli.shim.PrepareResult;
import io.dvdcli.shim.VolumeIsolator;
import io.dvdcli.shim.VolumeRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The real docker/volume lifecycle: isolator-shim's {@link VolumeIsolator}, which runs dvdcli. */
public final class IsolatorVolumes implements ContainerVolumes {
  private final VolumeIsolator isolator;

  public IsolatorVolumes(VolumeIsolator isolator) {
    this.isolator = isolator;
  }

  @Override
  public List<Path> prepare(String containerId, List<VolumeSpec> volumes) throws IOException {
    List<VolumeRequest> requests = volumes.stream()
        .map(volume -> new VolumeRequest(volume.driver(), volume.name(), volume.options(), volume.containerPath(),
            volume.mode() == VolumeMode.RO ? VolumeRequest.Mode.RO : VolumeRequest.Mode.RW))
        .toList();
    PrepareResult prepared = isolator.prepare(containerId, requests);
    return volumes.stream()
        .map(volume -> Path.of(prepared.hostPath(volume.driver(), volume.name())))
        .toList();
  }

  @Override
  public void cleanup(String containerId) throws IOException {
    isolator.cleanup(containerId);
  }
}
