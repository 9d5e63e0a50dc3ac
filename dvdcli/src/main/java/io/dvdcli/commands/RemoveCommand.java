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
  int run(Run r) throws PluginException {
    r.driver().remove(r.volume().name());
    r.answer(r.volume().name());
    return 0;
  }
}
