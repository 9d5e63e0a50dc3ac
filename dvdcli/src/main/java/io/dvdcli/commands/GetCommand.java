package io.dvdcli.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dvdcli.plugin.PluginException;
import io.dvdcli.plugin.PluginException.Kind;
import io.dvdcli.protocol.PluginJson;
import io.dvdcli.volume.Volume;
import io.dvdcli.volume.VolumeLookup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "get", description = "Print the volume's name if it exists (with --json, all it has).")
public final class GetCommand extends VolumeCommand {
  @Option(names = "--json", description = "Print the volume as JSON.")
  boolean json;

  @Override
  public Integer call() throws CommandFailedException {
    String name = volume.name();
    try {
      ConnectionFlags.Session s = connect();
      s.driver().activate();
      VolumeLookup lookup = s.driver().get(name);
      if (lookup instanceof VolumeLookup.Found found) {
        answer(json ? toJson(found.volume()) : found.volume().name());
        return 0;
      }
      String why = lookup instanceof VolumeLookup.Missing m ? m.reason() : ((VolumeLookup.Unknown) lookup).reason();
      throw new PluginException(lookup instanceof VolumeLookup.Missing ? Kind.NO_SUCH_VOLUME : Kind.NOT_IMPLEMENTED, why);
    } catch (PluginException e) {
      throw new CommandFailedException("get", "volume", name + "' with driver '" + volume.driver(), e);
    }
  }

  static String toJson(Object value) {
    try {
      return PluginJson.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
