package io.dvdcli.commands;

import io.dvdcli.plugin.transport.PluginException;
import io.dvdcli.volume.MountIdScheme;
import io.dvdcli.volume.VolumeService;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "mount", description = "Mount a volume (creating it if needed) and print its path.")
public final class MountCommand extends VolumeCommand {
  @Mixin
  MountIdFlag mountId = new MountIdFlag();

  @Override
  String verb() {
    return "mount";
  }

  @Override
  Duration defaultTimeout() {
    return Duration.ofSeconds(100); // the Mesos agent kills a mount at 120 s
  }

  @Override
  int run(ConnectionFlags.Session s) throws PluginException {
    MountIdScheme id = mountId.resolve(env(), volume.driver());
    VolumeService volumes = new VolumeService(s.driver(), s.log());
    answer(volumes.mount(volume.name(), volume.options(s.log()), volume.explicitCreate(), id));
    return 0;
  }
}
