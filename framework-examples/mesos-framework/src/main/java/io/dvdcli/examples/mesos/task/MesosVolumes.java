package io.dvdcli.examples.mesos.task;

import org.apache.mesos.v1.Protos.Parameter;
import org.apache.mesos.v1.Protos.Parameters;
import org.apache.mesos.v1.Protos.Volume;

/**
 * Maps a {@link TaskVolume} to the Mesos {@code Volume} the docker/volume isolator reads (the agent
 * side, which reads it back, is the stand-in agent's in test-support):
 * {@code Volume{container_path, mode, source{type: DOCKER_VOLUME, docker_volume{driver, name,
 * driver_options}}}}.
 */
public final class MesosVolumes {
  private MesosVolumes() {}

  public static Volume toMesos(TaskVolume spec) {
    Volume.Source.DockerVolume.Builder docker = Volume.Source.DockerVolume.newBuilder()
        .setDriver(spec.driver())
        .setName(spec.name());
    if (!spec.options().isEmpty()) {
      // Like Marathon, leave driver_options unset rather than empty when there are none.
      Parameters.Builder options = Parameters.newBuilder();
      spec.options().forEach((key, value) ->
          options.addParameter(Parameter.newBuilder().setKey(key).setValue(value)));
      docker.setDriverOptions(options);
    }
    return Volume.newBuilder()
        .setContainerPath(spec.containerPath())
        .setMode(spec.mode() == VolumeMode.RO ? Volume.Mode.RO : Volume.Mode.RW)
        .setSource(Volume.Source.newBuilder()
            .setType(Volume.Source.Type.DOCKER_VOLUME)
            .setDockerVolume(docker))
        .build();
  }
}
