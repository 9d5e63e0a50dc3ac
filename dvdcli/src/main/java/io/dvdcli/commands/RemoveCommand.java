package io.dvdcli.commands;

import io.dvdcli.plugin.PluginException;
import picocli.CommandLine.Command;

@Command(name = "remove", description = "Remove a volume and print its name.")
public final class RemoveCommand extends VolumeCommand {
  @Override
  public Integer call() throws CommandFailedException {
    String name = volume.name();
    try {
      ConnectionFlags.Session s = connect();
      s.driver().activate();
      s.driver().remove(name);
      answer(name);
      return 0;
    } catch (PluginException e) {
      throw new CommandFailedException("remove", "volume", name + "' with driver '" + volume.driver(), e);
    }
  }
}
