package io.dvdcli.examples.marathon.translation;

import io.dvdcli.examples.marathon.app.ExternalVolume;
import io.dvdcli.examples.marathon.app.MarathonApp;
import io.dvdcli.examples.marathon.app.ReadMode;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos;

/**
 * Builds the {@code Volume} messages Marathon puts into a task's {@code ContainerInfo} for its dvdi
 * volumes: a {@code DOCKER_VOLUME} source naming driver and volume, which the agent's {@code
 * docker/volume} isolator mounts through dvdcli. Expects apps that passed validation.
 */
public final class DockerVolumeTranslator {

  public List<Protos.Volume> translate(MarathonApp app) {
    return app.dvdiVolumes().stream().map(DockerVolumeTranslator::toVolume).toList();
  }

  static Protos.Volume toVolume(ExternalVolume volume) {
    String driver =
        volume
            .driver()
            .orElseThrow(() -> new IllegalArgumentException("volume has no dvdi/driver"));
    Protos.Volume.Source.DockerVolume.Builder dockerVolume =
        Protos.Volume.Source.DockerVolume.newBuilder().setDriver(driver).setName(volume.name());
    Map<String, String> options = DriverOptions.of(volume);
    // No options means no driver_options field at all: an empty Parameters is not the same.
    if (!options.isEmpty()) {
      Protos.Parameters.Builder parameters = Protos.Parameters.newBuilder();
      options.forEach(
          (key, value) ->
              parameters.addParameter(Protos.Parameter.newBuilder().setKey(key).setValue(value)));
      dockerVolume.setDriverOptions(parameters);
    }
    return Protos.Volume.newBuilder()
        .setContainerPath(volume.containerPath())
        .setMode(volume.mode() == ReadMode.RO ? Protos.Volume.Mode.RO : Protos.Volume.Mode.RW)
        .setSource(
            Protos.Volume.Source.newBuilder()
                .setType(Protos.Volume.Source.Type.DOCKER_VOLUME)
                .setDockerVolume(dockerVolume))
        .build();
  }
}
