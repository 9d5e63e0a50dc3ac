package io.dvdcli.shim.cli;

import io.dvdcli.shim.IsolatorConfig;
import io.dvdcli.shim.StepHook;
import io.dvdcli.shim.VolumeIsolator;
import io.dvdcli.shim.host.LinuxHost;
import io.dvdcli.shim.state.CheckpointPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/** Flags every subcommand shares: the agent's flags, under the shim's names. */
public final class IsolatorOptions {
  @Option(names = "--checkpoint-dir", paramLabel = "DIR",
      description = "Where container records live (agent: --docker_volume_checkpoint_dir). Default: ${DEFAULT-VALUE}")
  Path checkpointDir = CheckpointPaths.DEFAULT_ROOT;

  @Option(names = "--dvdcli", paramLabel = "PATH", description = "The dvdcli binary. Default: dvdcli on PATH")
  Path dvdcli;

  @Option(names = "--mount-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Time limit for one dvdcli mount (e.g. 120s, 2m, 500ms). Default: 120s")
  Duration mountTimeout = Duration.ofSeconds(120);

  @Option(names = "--unmount-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Time limit for one dvdcli unmount. Default: 10m")
  Duration unmountTimeout = Duration.ofMinutes(10);

  @Option(names = "--bind", description = "Bind mount each volume at its container path (needs root)")
  boolean bind;

  @Option(names = "--chown", description = "Give each volume's host path to the task user "
      + "(agent: --docker_volume_chown)")
  boolean chown;

  IsolatorConfig config(Path dvdcliOverride) {
    return IsolatorConfig.builder()
        .checkpointDir(checkpointDir)
        .dvdcli(dvdcliOverride != null ? dvdcliOverride : dvdcli)
        .mountTimeout(mountTimeout)
        .unmountTimeout(unmountTimeout)
        .bindMounts(bind)
        .chown(chown)
        .build();
  }

  /** For commands that only read records: no dvdcli is needed, so none is looked up. */
  VolumeIsolator reader() {
    IsolatorConfig config = IsolatorConfig.builder()
        .checkpointDir(checkpointDir)
        .dvdcli(dvdcli != null ? dvdcli : Path.of("dvdcli"))
        .mountTimeout(mountTimeout)
        .unmountTimeout(unmountTimeout)
        .bindMounts(bind)
        .chown(chown)
        .build();
    return new VolumeIsolator(config);
  }

  VolumeIsolator isolator(Map<String, String> environment, Path dvdcliOverride) {
    IsolatorConfig config = config(dvdcliOverride);
    StepHook seam = CrashSeam.fromEnvironment(environment);
    return new VolumeIsolator(config, VolumeIsolator.dvdcliDriver(config), LinuxHost.create(), seam);
  }
}
