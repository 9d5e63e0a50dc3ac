package io.dvdcli.commands;

import io.dvdcli.plugin.transport.PluginException;
import io.dvdcli.plugin.transport.PluginException.Kind;
import picocli.CommandLine.Command;

@Command(name = "path", description = "Print where a mounted volume is.")
public final class PathCommand extends VolumeCommand {
  @Override
  String verb() {
    return "find the path of";
  }

  @Override
  int run(ConnectionFlags.Session s) throws PluginException {
    String path = s.driver().path(volume.name());
    if (path.isEmpty()) {
      throw new PluginException(Kind.REFUSED,
          "plugin '" + volume.driver() + "' reports no mount point (is the volume mounted?)");
    }
    answer(path);
    return 0;
  }
}
