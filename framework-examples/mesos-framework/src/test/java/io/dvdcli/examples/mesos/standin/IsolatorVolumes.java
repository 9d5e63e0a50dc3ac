package io.dvdcli.examples.mesos.standin;

import io.dvdcli.shim.PrepareResult;
import io.dvdcli.shim.VolumeIsolator;
import io.dvdcli.shim.VolumeRequest;
import io.dvdcli.testsupport.mesos.AgentVolume;
import io.dvdcli.testsupport.mesos.ContainerVolumes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The real docker/volume lifecycle for the stand-in agent: isolator-shim's {@link VolumeIsolator},
 * which runs dvdcli. Here, not in test-support with the stand-in: isolator-shim's tests depend on
 * test-support, so test-support cannot depend on isolator-shim.
 */
public final class IsolatorVolumes implements ContainerVolumes {
  private final VolumeIsolator isolator;

  public IsolatorVolumes(VolumeIsolator isolator) {
    this.isolator = isolator;
  }

  @Override
  public List<Path> prepare(String containerId, List<AgentVolume> volumes) throws IOException {
    List<VolumeRequest> requests = volumes.stream()
        .map(volume -> new VolumeRequest(volume.driver(), volume.name(), volume.options(), volume.containerPath(),
            volume.mode() == org.apache.mesos.v1.Protos.Volume.Mode.RO ? VolumeRequest.Mode.RO : VolumeRequest.Mode.RW))
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
