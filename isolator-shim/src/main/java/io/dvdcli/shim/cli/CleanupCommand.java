package io.dvdcli.shim.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Erases a container's record and unmounts the volumes no other container uses. */
@Command(name = "cleanup", mixinStandardHelpOptions = true,
    description = "Erase the container's record, then unmount each volume no other container uses.")
final class CleanupCommand implements Callable<Integer> {
  @ParentCommand ShimCommand root;
  @Mixin IsolatorOptions options;

  @Parameters(index = "0", paramLabel = "CONTAINER_ID") String containerId;

  @Override
  public Integer call() throws IOException {
    AnswerJson.print(root.out, options.isolator(root.environment, null).cleanup(containerId));
    return 0;
  }
}
