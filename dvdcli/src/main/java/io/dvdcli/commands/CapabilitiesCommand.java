package io.dvdcli.commands;

import picocli.CommandLine.Command;

@Command(name = "capabilities", description = "Print the plugin's scope: local or global.")
public final class CapabilitiesCommand extends VolumeCommand {
  @Override
  String verb() {
    return "get the capabilities of";
  }

  @Override
  String target() {
    return "driver '" + volume.driver() + "'";
  }

  @Override
  int run(ConnectionFlags.Session s) {
    answer(s.driver().capabilities().wireName());
    return 0;
  }
}
