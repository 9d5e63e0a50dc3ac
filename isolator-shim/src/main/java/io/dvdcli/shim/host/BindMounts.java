package io.dvdcli.shim.host;

import io.dvdcli.shim.driver.ProcessRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Makes a volume visible at a container path as the agent does (a recursive bind mount, read-only
 * when asked) and takes it away again. Runs util-linux {@code mount}/{@code umount} with an argv;
 * needs root. Here the mounts live in the shim's (the host's) mount namespace.
 */
public final class BindMounts {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  private final ProcessRunner runner;
  private final MountTable table;

  public BindMounts(ProcessRunner runner, MountTable table) {
    this.runner = runner;
    this.table = table;
  }

  public void bind(Path source, Path target, boolean readOnly) throws IOException {
    run(List.of("mount", "--rbind", "--", source.toString(), target.toString()), "bind-mount '" + source + "' at", target);
    if (readOnly) {
      try {
        run(List.of("mount", "-o", "remount,bind,ro", "--", target.toString()), "make read-only the bind mount", target);
      } catch (IOException e) {
        unbind(target);
        throw e;
      }
    }
  }

  /** Removes the bind mount at {@code target}; nothing to do when it is not mounted. */
  public void unbind(Path target) throws IOException {
    if (table.isMountPoint(target)) {
      run(List.of("umount", "--recursive", "--", target.toString()), "unmount the bind mount", target);
    }
  }

  public boolean isMounted(Path target) throws IOException {
    return table.isMountPoint(target);
  }

  private void run(List<String> argv, String what, Path where) throws IOException {
    try {
      ProcessRunner.Outcome outcome = runner.run(argv, LIMIT);
      if (outcome.exitStatus() != 0) {
        String err = outcome.stderr().strip();
        throw new IOException("Failed to " + what + " '" + where + "': "
            + (err.isEmpty() ? argv.get(0) + " exited with status " + outcome.exitStatus() : err.lines().reduce((a, b) -> b).orElse(err)));
      }
    } catch (ProcessRunner.TimedOut e) {
      throw new IOException("Failed to " + what + " '" + where + "': " + argv.get(0) + " " + e.getMessage(), e);
    }
  }
}
