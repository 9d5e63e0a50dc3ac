package io.dvdcli.commands;

import io.dvdcli.plugin.PluginException;
import io.dvdcli.volume.VolumeService;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "mount", description = "Mount a volume (creating it if needed) and print its path.")
public final class MountCommand extends VolumeCommand {
  @Option(names = "--mount-id", paramLabel = "ID",
      description = "Caller ID sent with Mount/Unmount (env DVDCLI_MOUNT_ID; default stable per host).")
  String mountId;

  @Override
  Duration defaultTimeout() {
    return Duration.ofSeconds(100); // the Mesos agent kills a mount at 120 s
  }

  @Override
  public Integer call() throws CommandFailedException {
    String name = volume.name();
    String driver = volume.driver();
    String id = resolveMountId(mountId);
    try {
      ConnectionFlags.Session s = connect();
      Map<String, String> options = volume.options(s.log());
      String path = new VolumeService(s.driver(), s.log()).mount(name, options, volume.explicitCreate(), id);
      answer(path);
      return 0;
    } catch (PluginException e) {
      throw new CommandFailedException("mount", "volume", name + "' with driver '" + driver, e);
    }
  }

  String resolveMountId(String flag) {
    try {
      return MountIds.resolve(flag, env());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(volume.spec.commandLine(), e.getMessage());
    }
  }
}
