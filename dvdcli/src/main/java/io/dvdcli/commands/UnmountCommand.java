package io.dvdcli.commands;

import io.dvdcli.plugin.transport.PluginException;
import io.dvdcli.volume.VolumeService;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "unmount", description = "Unmount a volume (the same mount ID as the mount).")
public final class UnmountCommand extends VolumeCommand {
  @Mixin
  MountIdFlag mountId = new MountIdFlag();

  @Override
  String verb() {
    return "unmount";
  }

  @Override
  Duration defaultTimeout() {
    return Duration.ofSeconds(540); // the agent allows 10 min; slow detaches take minutes
  }

  @Override
  int run(Run r) throws PluginException {
    new VolumeService(r.driver(), r.log()).unmount(r.volume().name(), mountId.resolve(r.env(), r.volume().driver()));
    return 0;
  }
}
