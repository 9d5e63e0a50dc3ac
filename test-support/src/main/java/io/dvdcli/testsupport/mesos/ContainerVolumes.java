package io.dvdcli.testsupport.mesos;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the stand-in agent needs from a docker/volume isolator: mount a container's external
 * volumes before its task starts and unmount them once it has ended.
 */
public interface ContainerVolumes {

  /** Mounts the volumes; returns the host path of each, in the order given. */
  List<Path> prepare(String containerId, List<AgentVolume> volumes) throws IOException;

  /** Unmounts whatever {@link #prepare} mounted for the container. */
  void cleanup(String containerId) throws IOException;
}
