package io.dvdcli.commands;

import io.dvdcli.log.Diagnostics;
import io.dvdcli.plugin.transport.PluginException;
import io.dvdcli.untrusted.SecretKeys;
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
  int run(Run r) throws PluginException {
    Map<String, String> options = r.volume().options(r.log());
    r.log().debug("creating volume '" + r.volume().name() + "' with options " + SecretKeys.masked(options));
    r.driver().create(r.volume().name(), options);
    r.answer(r.volume().name());
    return 0;
  }
}
