package io.dvdcli.testsupport.mesos;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.mesos.v1.Protos.Parameter;
import org.apache.mesos.v1.Protos.Volume;

/**
 * One DOCKER_VOLUME volume of a launched task as the stand-in agent reads it from the
 * {@code TaskInfo}: what the isolator passes to dvdcli (driver, name, options) and where the task
 * sees it (container path, mode). The agent's own reading, not the example framework's task
 * model: a test double must not share code with what it tests, and test-support cannot depend on
 * the framework.
 */
public record AgentVolume(
    String driver, String name, Map<String, String> options, String containerPath, Volume.Mode mode) {

  public AgentVolume {
    requireText(driver, "volume driver");
    requireText(name, "volume name");
    requireText(containerPath, "volume container path");
    Objects.requireNonNull(mode, "volume mode");
    // Kept in the order given: a HashMap here is how the agent scrambles options (StandInAgent).
    options = options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
    options.forEach((key, value) -> {
      requireText(key, "volume option key");
      Objects.requireNonNull(value, "value of volume option '" + key + "'");
    });
  }

  /** The volume of a {@code TaskInfo}; any other kind of volume than DOCKER_VOLUME is refused. */
  public static AgentVolume fromMesos(Volume volume) {
    if (!volume.hasSource() || volume.getSource().getType() != Volume.Source.Type.DOCKER_VOLUME
        || !volume.getSource().hasDockerVolume()) {
      throw new IllegalArgumentException("volume at '" + volume.getContainerPath()
          + "' is not a DOCKER_VOLUME volume");
    }
    Volume.Source.DockerVolume docker = volume.getSource().getDockerVolume();
    Map<String, String> options = new LinkedHashMap<>();
    for (Parameter parameter : docker.getDriverOptions().getParameterList()) {
      options.put(parameter.getKey(), parameter.getValue());
    }
    return new AgentVolume(docker.getDriver(), docker.getName(), options, volume.getContainerPath(),
        volume.getMode() == Volume.Mode.RO ? Volume.Mode.RO : Volume.Mode.RW);
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
  }
}
