package io.dvdcli.commands;

import io.dvdcli.log.Diagnostics;
import io.dvdcli.plugin.transport.PluginException;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "create", description = "Create a volume with the given options and print its name.")
public final class CreateCommand extends VolumeCommand {
  @Override
  String verb() {
    return "create";
  }

  @Override
  Duration defaultTimeout() {
    return Duration.ofSeconds(120);
  }

  @Override
  int run(ConnectionFlags.Session s) throws PluginException {
    Map<String, String> options = volume.options(s.log());
    s.log().debug("creating volume '" + volume.name() + "' with options " + Diagnostics.masked(options));
    s.driver().create(volume.name(), options);
    answer(volume.name());
    return 0;
  }
}
