package io.dvdcli.commands;

import io.dvdcli.log.Diagnostics;
import io.dvdcli.plugin.PluginException;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "create", description = "Create a volume with the given options and print its name.")
public final class CreateCommand extends VolumeCommand {
  @Override
  Duration defaultTimeout() {
    return Duration.ofSeconds(120);
  }

  @Override
  public Integer call() throws CommandFailedException {
    String name = volume.name();
    try {
      ConnectionFlags.Session s = connect();
      Map<String, String> options = volume.options(s.log());
      s.driver().activate();
      s.log().debug("creating volume '" + name + "' with options " + Diagnostics.masked(options));
      s.driver().create(name, options);
      answer(name);
      return 0;
    } catch (PluginException e) {
      throw new CommandFailedException("create", "volume", name + "' with driver '" + volume.driver(), e);
    }
  }
}
