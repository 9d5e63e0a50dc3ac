package io.dvdcli.commands;

import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --mount-id}, shared by mount and unmount so that both resolve the same ID. */
public final class MountIdFlag {
  @Option(names = "--mount-id", paramLabel = "ID",
      description = "Caller ID sent with Mount/Unmount (env DVDCLI_MOUNT_ID; default stable per host).")
  String mountId;

  String resolve(Map<String, String> env) {
    try {
      return MountIds.resolve(mountId, env);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
