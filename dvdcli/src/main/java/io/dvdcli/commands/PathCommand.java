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
  int run(Run r) throws PluginException {
    String path = r.driver().path(r.volume().name());
    if (path.isEmpty()) {
      throw new PluginException(Kind.REFUSED,
          "plugin '" + r.volume().driver() + "' reports no mount point (is the volume mounted?)");
    }
    r.answer(path);
    return 0;
  }
}
