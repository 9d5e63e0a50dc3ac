package io.dvdcli.shim.cli;

import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine.Command;

/** The root command: one subcommand per lifecycle step. */
@Command(
    name = "isolator-shim",
    mixinStandardHelpOptions = true,
    version = "isolator-shim 0.1.0",
    description = "The Mesos agent's docker/volume lifecycle around dvdcli: checkpoint, mount, "
        + "reference counts, cleanup and recovery.",
    subcommands = {PrepareCommand.class, CleanupCommand.class, RecoverCommand.class, RunWithVolumesCommand.class,
        StatusCommand.class})
public final class ShimCommand implements Runnable {
  final Map<String, String> environment;
  final PrintStream out;
  final PrintStream err;

  ShimCommand(Map<String, String> environment, PrintStream out, PrintStream err) {
    this.environment = environment;
    this.out = out;
    this.err = err;
  }

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "Missing command: prepare, cleanup, recover, run or status");
  }
}
