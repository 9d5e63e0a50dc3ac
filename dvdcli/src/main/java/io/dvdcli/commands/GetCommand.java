package io.dvdcli.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dvdcli.plugin.codec.PluginJson;
import io.dvdcli.plugin.transport.PluginException;
import io.dvdcli.plugin.transport.PluginException.Kind;
import io.dvdcli.volume.VolumeLookup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "get", description = "Print the volume's name if it exists (with --json, all it has).")
public final class GetCommand extends VolumeCommand {
  @Option(names = "--json", description = "Print the volume as JSON.")
  boolean json;

  @Override
  String verb() {
    return "get";
  }

  @Override
  int run(Run r) throws PluginException {
    VolumeLookup lookup = r.driver().get(r.volume().name());
    if (lookup instanceof VolumeLookup.Found found) {
      r.answer(json ? toJson(found.volume()) : found.volume().name());
      return 0;
    }
    if (lookup instanceof VolumeLookup.Missing missing) {
      throw new PluginException(Kind.NO_SUCH_VOLUME, missing.reason());
    }
    throw new PluginException(Kind.NOT_IMPLEMENTED, ((VolumeLookup.Unknown) lookup).reason());
  }

  static String toJson(Object value) {
    try {
      return PluginJson.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
