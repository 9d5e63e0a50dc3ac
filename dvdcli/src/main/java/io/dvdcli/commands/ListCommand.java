package io.dvdcli.commands;

import io.dvdcli.plugin.PluginException;
import io.dvdcli.volume.Volume;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", description = "Print the plugin's volumes, one name per line.")
public final class ListCommand extends VolumeCommand {
  @Option(names = "--json", description = "Print the volumes as a JSON array.")
  boolean json;

  @Override
  String verb() {
    return "list";
  }

  @Override
  String target() {
    return "the volumes of driver '" + volume.driver() + "'";
  }

  @Override
  int run(ConnectionFlags.Session s) throws PluginException {
    List<Volume> volumes = s.driver().list();
    if (json) {
      answer(GetCommand.toJson(volumes));
    } else {
      volumes.forEach(v -> answer(v.name()));
    }
    return 0;
  }
}
