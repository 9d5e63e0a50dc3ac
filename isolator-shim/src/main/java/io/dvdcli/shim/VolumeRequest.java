package io.dvdcli.shim;

import io.dvdcli.shim.state.DockerVolume;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One Docker volume a container asks for, as in the Mesos {@code Volume} with a {@code
 * DOCKER_VOLUME} source. {@code options} keep their order (one {@code --volumeopts} each);
 * {@code containerPath} may be null (host path only), absolute, or relative to the sandbox.
 * {@code explicitCreate} passes {@code --explicitcreate}: mount only an existing volume.
 */
public record VolumeRequest(
    String driver,
    String name,
    Map<String, String> options,
    String containerPath,
    Mode mode,
    boolean explicitCreate) {

  /** Access the container gets, as Mesos {@code Volume.Mode}. */
  public enum Mode { RW, RO }

  public VolumeRequest {
    RequestRules.driver(driver);
    RequestRules.name(name);
    Objects.requireNonNull(options, "options");
    options.forEach(RequestRules::option);
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    if (containerPath != null) {
      RequestRules.containerPath(containerPath);
    }
    mode = mode == null ? Mode.RW : mode;
  }

  public VolumeRequest(String driver, String name, Map<String, String> options, String containerPath, Mode mode) {
    this(driver, name, options, containerPath, mode, false);
  }

  /** The identity the agent checkpoints and counts references by. */
  public DockerVolume volume() {
    return new DockerVolume(driver, name);
  }
}
