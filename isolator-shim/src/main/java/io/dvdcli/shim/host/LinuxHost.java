package io.dvdcli.shim.host;

import io.dvdcli.shim.driver.ProcessRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The host operations on Linux: util-linux {@code mount}/{@code umount} and coreutils {@code chown}
 * run with an argv (never a shell), and the mount table of this process. Needs root. The bind
 * mounts live in the shim's (the host's) mount namespace; the agent makes them in the container's.
 */
public final class LinuxHost implements HostOperations {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  private final ProcessRunner runner;
  private final MountTable table;

  public LinuxHost(ProcessRunner runner, MountTable table) {
    this.runner = runner;
    this.table = table;
  }

  /** The tools with the shim's own environment, and this process's mount table. */
  public static LinuxHost create() {
    return new LinuxHost(new ProcessRunner(Map.of()), MountTable.ofThisProcess());
  }

  @Override
  public void bindMount(Path source, Path target) throws IOException {
    run(List.of("mount", "--rbind", "--", source.toString(), target.toString()),
        "bind-mount '" + source + "' at", target);
  }

  @Override
  public void makeReadOnly(Path target) throws IOException {
    run(List.of("mount", "-o", "remount,bind,ro", "--", target.toString()), "make read-only the bind mount", target);
  }

  @Override
  public void unmount(Path target) throws IOException {
    run(List.of("umount", "--recursive", "--", target.toString()), "unmount the bind mount", target);
  }

  @Override
  public boolean isMountPoint(Path path) throws IOException {
    return table.isMountPoint(path);
  }

  /** As the agent's {@code --docker_volume_chown}: owner and the user's login group ({@code user:}). */
  @Override
  public void chown(Path path, String user) throws IOException {
    UserNames.validate(user);
    String what = "Failed to set '" + user + "' as the docker volume '" + path + "' owner: ";
    try {
      ProcessRunner.Outcome outcome = runner.run(List.of("chown", "--", user + ":", path.toString()), LIMIT);
      if (outcome.exitStatus() != 0) {
        throw new IOException(what + outcome.stderr().strip().lines().reduce((a, b) -> b).orElse("chown failed"));
      }
    } catch (ProcessRunner.TimedOut e) {
      throw new IOException(what + "chown " + e.getMessage(), e);
    }
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
