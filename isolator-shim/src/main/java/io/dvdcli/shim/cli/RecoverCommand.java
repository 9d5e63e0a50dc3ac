package io.dvdcli.shim.cli;

import io.dvdcli.shim.RecoverResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** After a restart: keep live containers, clean up orphans, retry failed unmounts. */
@Command(name = "recover", mixinStandardHelpOptions = true,
    description = "Rebuild from the checkpoint dir: containers not named live are orphans and are "
        + "cleaned up; failed unmounts are retried; volumes of live containers stay mounted.")
final class RecoverCommand implements Callable<Integer> {
  @ParentCommand ShimCommand root;
  @Mixin IsolatorOptions options;

  @Option(names = "--live", paramLabel = "CONTAINER_ID", description = "A container that is still running (repeatable)")
  List<String> live = new ArrayList<>();

  @Option(names = "--live-file", paramLabel = "FILE", description = "Live container IDs, one per line")
  Path liveFile;

  @Override
  public Integer call() throws IOException {
    Set<String> ids = new HashSet<>(live);
    if (liveFile != null) {
      for (String line : Files.readAllLines(liveFile)) {
        if (!line.isBlank()) {
          ids.add(line.strip());
        }
      }
    }
    RecoverResult result = options.isolator(root.environment, null).recover(ids);
    for (String warning : result.warnings()) {
      root.err.println("isolator-shim: warning: " + warning);
    }
    AnswerJson.print(root.out, result);
    if (!result.succeeded()) {
      List<String> failures = result.failures();
      Main.report(root.err, String.join("\n", failures.subList(0, failures.size() - 1))
          + (failures.size() > 1 ? "\n" : "") + "Failed to recover: " + failures.get(failures.size() - 1)
          + " (" + failures.size() + " failure(s); they stay recorded for the next recover)");
      return Main.FAILED;
    }
    return 0;
  }
}
