package io.dvdcli.commands;

import io.dvdcli.plugin.transport.PluginException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * What every volume command shares: the original's flags, the connection flags, finding the plugin
 * and the Activate handshake, and one way of reporting failure ("Failed to <verb> <target>: ...").
 */
abstract class VolumeCommand implements Callable<Integer> {
  @ParentCommand
  DvdcliCommand root;

  // Initialised here so that the agent's fast path (AgentArgv) can run a command without picocli.
  @Mixin
  VolumeFlags volume = new VolumeFlags();

  @Mixin
  ConnectionFlags connection = new ConnectionFlags();

  /** The verb of the failure message, e.g. "mount". */
  abstract String verb();

  /** What the command acts on, for the failure message. */
  String target() {
    return "volume '" + volume.name() + "' with driver '" + volume.driver() + "'";
  }

  /** The command's own time limit when neither --timeout nor DVDCLI_TIMEOUT is given. */
  Duration defaultTimeout() {
    return Duration.ofSeconds(60);
  }

  /** The work after a successful Activate; returns the exit code. */
  abstract int run(ConnectionFlags.Session session) throws PluginException;

  @Override
  public final Integer call() throws CommandFailedException {
    String target = target(); // validates the flags before anything is sent
    try {
      ConnectionFlags.Session session = connection.connect(volume.driver(), env(), root.err(), defaultTimeout());
      session.driver().activate();
      return run(session);
    } catch (PluginException e) {
      throw new CommandFailedException(verb(), target, e);
    }
  }

  Map<String, String> env() {
    return root.env();
  }

  /** Prints the answer and nothing else, with one newline, as Mesos reads stdout whole. */
  void answer(String line) {
    root.out().print(line);
    root.out().print('\n');
    root.out().flush();
  }
}
