package io.dvdcli.commands;

import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --mount-id}, shared by mount and unmount so that both resolve the same ID. */
public final class MountIdFlag {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--mount-id", paramLabel = "ID",
      description = "Caller ID sent with Mount/Unmount (env DVDCLI_MOUNT_ID; default stable per host).")
  String mountId;

  String resolve(Map<String, String> env) {
    try {
      return MountIds.resolve(mountId, env);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
