package io.dvdcli.commands;

import picocli.CommandLine.Command;

@Command(name = "capabilities", description = "Print the plugin's scope: local or global.")
public final class CapabilitiesCommand extends VolumeCommand {
  @Override
  String verb() {
    return "get the capabilities of";
  }

  @Override
  String target(VolumeArgs volume) {
    return "driver '" + volume.driver() + "'";
  }

  @Override
  int run(Run r) {
    r.answer(r.driver().capabilities().wireName());
    return 0;
  }
}
