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
  int run(Run r) throws PluginException {
    MountIdScheme id = mountId.resolve(r.env(), r.volume().driver());
    VolumeService volumes = new VolumeService(r.driver(), r.log());
    r.answer(volumes.mount(r.volume().name(), r.volume().options(r.log()), r.volume().explicitCreate(), id));
    return 0;
  }
}
