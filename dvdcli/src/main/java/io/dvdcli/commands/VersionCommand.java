package io.dvdcli.commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "version", description = "Print the version.")
public final class VersionCommand implements Callable<Integer> {
  @ParentCommand
  DvdcliCommand root;

  @Override
  public Integer call() {
    for (String line : DvdcliCommand.versionLines()) {
      root.out().print(line);
      root.out().print('\n');
    }
    root.out().flush();
    return 0;
  }
}
