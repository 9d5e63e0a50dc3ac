package io.dvdcli.commands;

import io.dvdcli.plugin.PluginException;
import io.dvdcli.plugin.PluginException.Kind;
import picocli.CommandLine.Command;

@Command(name = "path", description = "Print where a mounted volume is.")
public final class PathCommand extends VolumeCommand {
  @Override
  public Integer call() throws CommandFailedException {
    String name = volume.name();
    try {
      ConnectionFlags.Session s = connect();
      s.driver().activate();
      String path = s.driver().path(name);
      if (path.isEmpty()) {
        throw new PluginException(Kind.REFUSED,
            "plugin '" + volume.driver() + "' reports no mount point (is the volume mounted?)");
      }
      answer(path);
      return 0;
    } catch (PluginException e) {
      throw new CommandFailedException("find the path of", "volume", name + "' with driver '" + volume.driver(), e);
    }
  }
}
