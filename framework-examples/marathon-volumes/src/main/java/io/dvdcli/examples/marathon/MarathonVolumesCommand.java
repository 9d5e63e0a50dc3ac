package io.dvdcli.examples.marathon;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "marathon-volumes",
    mixinStandardHelpOptions = true,
    version = "marathon-volumes 0.1.0",
    description =
        "Marathon external volumes with provider dvdi: validated and translated to the Mesos"
            + " Volume the agent's docker/volume isolator mounts through dvdcli.",
    subcommands = {ValidateCommand.class, TranslateCommand.class})
final class MarathonVolumesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing subcommand: validate or translate");
  }
}
