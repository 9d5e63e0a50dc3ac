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
  public Integer call() throws CommandFailedException {
    try {
      ConnectionFlags.Session s = connect();
      s.driver().activate();
      List<Volume> volumes = s.driver().list();
      if (json) {
        answer(GetCommand.toJson(volumes));
      } else {
        for (Volume v : volumes) {
          out().print(v.name());
          out().print('\n');
        }
        out().flush();
      }
      return 0;
    } catch (PluginException e) {
      throw new CommandFailedException("list", "volumes of driver", volume.driver(), e);
    }
  }
}
