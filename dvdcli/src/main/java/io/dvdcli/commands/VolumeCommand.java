package io.dvdcli.commands;

import io.dvdcli.DvdcliCommand;
import io.dvdcli.plugin.PluginException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** What every volume command shares: the original's flags, the connection flags, one plugin. */
abstract class VolumeCommand implements Callable<Integer> {
  @ParentCommand
  DvdcliCommand root;

  @Mixin
  VolumeFlags volume;

  @Mixin
  ConnectionFlags connection;

  /** The command's own time limit when neither --timeout nor DVDCLI_TIMEOUT is given. */
  Duration defaultTimeout() {
    return Duration.ofSeconds(60);
  }

  Map<String, String> env() {
    return root.env();
  }

  PrintWriter out() {
    return root.out();
  }

  ConnectionFlags.Session connect() throws PluginException {
    return connection.connect(volume.driver(), env(), root.err(), defaultTimeout());
  }

  /** Prints the answer and nothing else, with one newline, as Mesos reads stdout whole. */
  void answer(String line) {
    out().print(line);
    out().print('\n');
    out().flush();
  }
}
