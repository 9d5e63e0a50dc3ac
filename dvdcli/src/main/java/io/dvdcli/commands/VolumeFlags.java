package io.dvdcli.commands;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The flags the original dvdcli accepted on every command and that its callers send: Mesos
 * ({@code --volumedriver=D --volumename=N --volumeopts=K=V}) and mesos-module-dvdi (adds
 * {@code --explicitCreate=true}; option names match in any case), as picocli reads them into
 * {@link VolumeArgs}.
 */
public final class VolumeFlags {
  @Option(names = "--volumedriver", paramLabel = "DRIVER", description = "Volume plugin name (e.g. rexray).")
  String driver;

  @Option(names = "--volumename", paramLabel = "NAME", description = "Volume name.")
  String name;

  @Option(
      names = "--volumeopts",
      paramLabel = "KEY=VALUE",
      converter = VolumeOptionConverter.class,
      description = "Driver option, repeatable; split on the first '=' only, never on commas.")
  List<VolumeOption> options = new ArrayList<>();

  @Option(
      names = "--explicitcreate",
      arity = "0..1",
      paramLabel = "BOOL",
      fallbackValue = "true",
      description = "Never create the volume implicitly on mount; it must exist.")
  boolean explicitCreate;

  /** What picocli parsed, as the one model commands read. */
  public VolumeArgs args() {
    return new VolumeArgs(driver, name, options, explicitCreate);
  }
}
