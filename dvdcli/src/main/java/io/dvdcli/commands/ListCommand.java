package io.dvdcli.commands;

import io.dvdcli.plugin.PluginName;
import io.dvdcli.plugin.transport.PluginException;
import io.dvdcli.untrusted.UntrustedText;
import io.dvdcli.volume.Volume;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The plugin's volumes, one name per line. A name is the plugin's text: one holding a control
 * character (a newline would print as two names, an escape sequence would rewrite the terminal) is
 * left out of the lines, with a warning naming it escaped; it is also a name that --volumename
 * refuses, so every line printed can be given back to dvdcli. {@code --json} keeps every name
 * exact, as JSON escapes it.
 */
@Command(name = "list", description = "Print the plugin's volumes, one name per line"
    + " (a name with a control character only in --json).")
public final class ListCommand extends VolumeCommand {
  @Option(names = "--json", description = "Print the volumes as a JSON array.")
  boolean json;

  @Override
  String verb() {
    return "list";
  }

  @Override
  String target(VolumeArgs volume) {
    return "the volumes of driver '" + volume.driver() + "'";
  }

  @Override
  int run(Run r) throws PluginException {
    List<Volume> volumes = r.driver().list();
    if (json) {
      r.answer(GetCommand.toJson(volumes));
    } else {
      for (Volume v : volumes) {
        if (UntrustedText.hasControlCharacter(v.name())) {
          r.log().warn("left out volume '" + UntrustedText.quoted(v.name())
              + "': its name holds a control character (--json shows it)");
        } else {
          r.answer(v.name());
        }
      }
    }
    return 0;
  }
}
