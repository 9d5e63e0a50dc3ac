package io.dvdcli.shim;

import io.dvdcli.shim.driver.DvdcliDriver;
import io.dvdcli.shim.state.CheckpointPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link VolumeIsolator} runs. Defaults are the agent's: checkpoint dir {@code
 * /var/run/mesos/isolators/docker/volume}, dvdcli found on PATH, 120 s per mount and 10 min per
 * unmount, no chown. {@code bindMounts} makes volumes visible at their container paths (needs
 * root); {@code dvdcliEnvironment} is added to dvdcli's environment (e.g. {@code DVDCLI_SOCKETS_DIR}).
 */
public record IsolatorConfig(
    Path checkpointDir,
    Path dvdcli,
    Duration mountTimeout,
    Duration unmountTimeout,
    boolean bindMounts,
    boolean chown,
    Map<String, String> dvdcliEnvironment) {

  public IsolatorConfig {
    Objects.requireNonNull(checkpointDir, "checkpointDir");
    Objects.requireNonNull(dvdcli, "dvdcli");
    positive(mountTimeout, "mountTimeout");
    positive(unmountTimeout, "unmountTimeout");
    dvdcliEnvironment = Map.copyOf(dvdcliEnvironment);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .checkpointDir(checkpointDir)
        .dvdcli(dvdcli)
        .mountTimeout(mountTimeout)
        .unmountTimeout(unmountTimeout)
        .bindMounts(bindMounts)
        .chown(chown)
        .dvdcliEnvironment(dvdcliEnvironment);
  }

  /** {@code dvdcli} on PATH, as the agent's {@code os::which("dvdcli")}. */
  public static Optional<Path> dvdcliOnPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "dvdcli");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate.toAbsolutePath());
      }
    }
    return Optional.empty();
  }

  private static void positive(Duration d, String what) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be a positive duration, got " + d);
    }
  }

  /** Builds a config; everything not set keeps the agent's default. */
  public static final class Builder {
    private Path checkpointDir = CheckpointPaths.DEFAULT_ROOT;
    private Path dvdcli;
    private Duration mountTimeout = DvdcliDriver.MOUNT_TIMEOUT;
    private Duration unmountTimeout = DvdcliDriver.UNMOUNT_TIMEOUT;
    private boolean bindMounts;
    private boolean chown;
    private Map<String, String> dvdcliEnvironment = new LinkedHashMap<>();

    public Builder checkpointDir(Path v) { checkpointDir = v; return this; }
    public Builder dvdcli(Path v) { dvdcli = v; return this; }
    public Builder mountTimeout(Duration v) { mountTimeout = v; return this; }
    public Builder unmountTimeout(Duration v) { unmountTimeout = v; return this; }
    public Builder bindMounts(boolean v) { bindMounts = v; return this; }
    public Builder chown(boolean v) { chown = v; return this; }
    public Builder dvdcliEnvironment(Map<String, String> v) { dvdcliEnvironment = new LinkedHashMap<>(v); return this; }
    public Builder dvdcliEnvironment(String name, String value) { dvdcliEnvironment.put(name, value); return this; }

    /** @throws IllegalArgumentException when no dvdcli was given and none is on PATH */
    public IsolatorConfig build() {
      Path binary = dvdcli != null ? dvdcli : dvdcliOnPath().orElseThrow(() ->
          new IllegalArgumentException("Failed to find dvdcli on PATH: the docker/volume isolator needs it (or pass --dvdcli)"));
      return new IsolatorConfig(checkpointDir, binary, mountTimeout, unmountTimeout, bindMounts, chown, dvdcliEnvironment);
    }
  }
}
