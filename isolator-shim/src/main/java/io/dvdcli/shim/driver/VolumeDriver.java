package io.dvdcli.shim.driver;

import io.dvdcli.shim.state.DockerVolume;
import java.util.Map;

/** Mounts and unmounts Docker volumes on this host; {@link DvdcliDriver} runs dvdcli for it. */
public interface VolumeDriver {
  /** Mounts the volume and returns its absolute host path. */
  String mount(DockerVolume volume, Map<String, String> options, boolean explicitCreate)
      throws DriverException;

  void unmount(DockerVolume volume) throws DriverException;
}
