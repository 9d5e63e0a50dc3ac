package io.dvdcli.commands;

import io.dvdcli.plugin.PluginException;
import picocli.CommandLine.Command;

@Command(name = "capabilities", description = "Print the plugin's scope: local or global.")
public final class CapabilitiesCommand extends VolumeCommand {
  @Override
  public Integer call() throws CommandFailedException {
    try {
      ConnectionFlags.Session s = connect();
      s.driver().activate();
      answer(s.driver().capabilities().wireName());
      return 0;
    } catch (PluginException e) {
      throw new CommandFailedException("get the capabilities of", "driver", volume.driver(), e);
    }
  }
}
