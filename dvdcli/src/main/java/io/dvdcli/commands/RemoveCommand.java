package io.dvdcli.commands;

import io.dvdcli.plugin.transport.PluginException;
import picocli.CommandLine.Command;

@Command(name = "remove", description = "Remove a volume and print its name.")
public final class RemoveCommand extends VolumeCommand {
  @Override
  String verb() {
    return "remove";
  }

  @Override
  int run(ConnectionFlags.Session s) throws PluginException {
    s.driver().remove(volume.name());
    answer(volume.name());
    return 0;
  }
}
