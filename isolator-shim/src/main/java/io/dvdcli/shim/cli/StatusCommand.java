package io.dvdcli.shim.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** Prints what the checkpoint dir records: containers, volume users, released volumes. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Print the recorded containers, who uses each volume, and volumes awaiting unmount.")
final class StatusCommand implements Callable<Integer> {
  @ParentCommand ShimCommand root;
  @Mixin IsolatorOptions options;

  @Override
  public Integer call() throws IOException {
    AnswerJson.print(root.out, options.reader().status());
    return 0;
  }
}
