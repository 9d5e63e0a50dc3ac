package io.dvdcli.commands;

import io.dvdcli.log.Diagnostics;
import io.dvdcli.plugin.transport.PluginException;
import io.dvdcli.volume.VolumeDriverClient;
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

  @Mixin
  VolumeFlags volume = new VolumeFlags();

  // Initialised here so that the agent's fast path (AgentArgv), which has no such flags, runs
  // with their defaults (and their environment variables).
  @Mixin
  ConnectionFlags connection = new ConnectionFlags();

  /** One run of a command: where it answers, what it acts on, and the plugin it talks to. */
  record Run(DvdcliCommand root, VolumeArgs volume, ConnectionFlags.Session session) {
    VolumeDriverClient driver() {
      return session.driver();
    }

    Diagnostics log() {
      return session.log();
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

  /** The verb of the failure message, e.g. "mount". */
  abstract String verb();

  /** What the command acts on, for the failure message. */
  String target(VolumeArgs volume) {
    return "volume '" + volume.name() + "' with driver '" + volume.driver() + "'";
  }

  /** The command's own time limit when neither --timeout nor DVDCLI_TIMEOUT is given. */
  Duration defaultTimeout() {
    return Duration.ofSeconds(60);
  }

  /** The work after a successful Activate; returns the exit code. */
  abstract int run(Run run) throws PluginException;

  /** picocli's way in: the flags it parsed. */
  @Override
  public final Integer call() throws CommandFailedException {
    return execute(root, volume.args());
  }

  /** Both ways in end here: picocli's {@link #call()} and the agent's fast path (AgentArgv). */
  final int execute(DvdcliCommand root, VolumeArgs args) throws CommandFailedException {
    String target = target(args); // validates the flags before anything is sent
    try {
      ConnectionFlags.Session session = connection.connect(args.driver(), root.env(), root.err(), defaultTimeout());
      session.driver().activate();
      return run(new Run(root, args, session));
    } catch (PluginException e) {
      throw new CommandFailedException(verb(), target, e);
    }
  }
}
