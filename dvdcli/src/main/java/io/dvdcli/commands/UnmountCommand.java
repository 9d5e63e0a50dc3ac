package io.dvdcli.commands;

import io.dvdcli.plugin.PluginException;
import io.dvdcli.volume.VolumeService;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "unmount", description = "Unmount a volume (the same mount ID as the mount).")
public final class UnmountCommand extends VolumeCommand {
  @Option(names = "--mount-id", paramLabel = "ID",
      description = "Caller ID sent with Mount/Unmount (env DVDCLI_MOUNT_ID; default stable per host).")
  String mountId;

  @Override
  Duration defaultTimeout() {
    return Duration.ofSeconds(540); // the agent allows 10 min; slow detaches take minutes
  }

  @Override
  public Integer call() throws CommandFailedException {
    String name = volume.name();
    String driver = volume.driver();
    String id;
    try {
      id = MountIds.resolve(mountId, env());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(volume.spec.commandLine(), e.getMessage());
    }
    try {
      ConnectionFlags.Session s = connect();
      new VolumeService(s.driver(), s.log()).unmount(name, id);
      return 0;
    } catch (PluginException e) {
      throw new CommandFailedException("unmount", "volume", name + "' with driver '" + driver, e);
    }
  }
}
